"""A bare Flask app, served with the same gunicorn settings as CyberQuest: the yardstick for throughput."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "hello"

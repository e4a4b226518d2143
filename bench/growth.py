"""Does a page cost more in a bigger region? The step page and the class matrix, timed in-process on
benchmark regions of different sizes (DESIGN §10: 10,000 and 100,000 agents).

    .venv/bin/python bench/growth.py URL [URL ...] [--repeats 200]

Each URL names a database prepared with `flask --app cyberquest seed --bench [--scale 0.1]`. The app runs
in its production configuration, as under gunicorn (in development it also watches the content files).
"""
from __future__ import annotations

import argparse
import os
import re
import secrets
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cyberquest import create_app  # noqa: E402
from cyberquest.extensions import db  # noqa: E402
from cyberquest.models import Agent  # noqa: E402
from seeds.bench import BENCH_PASSWORD, PIN  # noqa: E402

MISSION = "/agent/missie/hoi-mam"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def _sign_in(client, path: str, fields: dict) -> None:
    token = TOKEN.search(client.get(path).get_data(as_text=True)).group(1)
    client.post(path, data={"csrf_token": token, **fields})


def _timed(client, path: str, repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}")
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def measure(url: str, repeats: int) -> str:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        agents = db.session.scalar(select(func.count(Agent.id)))
    agent, teacher = app.test_client(), app.test_client()
    for client in (agent, teacher):  # production's cookies are sent over HTTPS only
        client.environ_base["wsgi.url_scheme"] = "https"
    _sign_in(agent, "/inloggen/agent", {"code": "B00001", "name": "Agent 1", "pin": PIN})
    token = TOKEN.search(agent.get(MISSION).get_data(as_text=True)).group(1)
    agent.post(MISSION + "/start", data={"csrf_token": token})
    _sign_in(teacher, "/inloggen/medewerker", {"email": "teacher1@bench.example.org", "password": BENCH_PASSWORD})
    class_id = re.search(r"/leerkracht/klassen/(\d+)", teacher.get("/leerkracht/").get_data(as_text=True)).group(1)
    step = _timed(agent, MISSION, repeats)
    matrix = _timed(teacher, f"/leerkracht/klassen/{class_id}/voortgang", repeats)
    return (f"{agents:>9,} agents: step page p50 {step[0]:5.1f} ms p95 {step[1]:5.1f} ms; "
            f"class matrix p50 {matrix[0]:5.1f} ms p95 {matrix[1]:5.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    os.environ.update(CYBERQUEST_ENV="production", SECRET_KEY=secrets.token_hex(32))
    for url in args.urls:
        print(measure(url, args.repeats))


if __name__ == "__main__":
    main()

"""gunicorn settings for CyberQuest in production (read by `gunicorn -c gunicorn.conf.py`; tested by
tests/test_gunicorn.py). Every value can be changed with an environment variable.

Threads per worker serve the many short requests of a class answering at once; sessions live in
signed cookies and sign-in throttles in the database, so any worker (or host) serves any request.

Two worker processes per core, four threads each: the threads of one process take turns on Python's
global lock, and with eight threads a child's page waited behind a board being recomputed in the same
process. On two cores under the school load of bench/RESULTS.md, 4 x 4 gave a step page p95 of 25 ms
and an answer p95 of 44-47 ms, against 100-133 and 246-267 ms with 2 x 8.
"""
import gc
import os

wsgi_app = "cyberquest:create_app()"
bind = os.environ.get("CYBERQUEST_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("CYBERQUEST_WORKERS", 2 * (os.cpu_count() or 1)))
worker_class = "gthread"
preload_app = True  # loaded and made ready once in the master (create_app's make_ready); workers are forks
threads = int(os.environ.get("CYBERQUEST_THREADS", "4"))
timeout = 30
graceful_timeout = 30
keepalive = 5
max_requests = 5000  # a worker is replaced now and then, with some jitter so they do not restart together
max_requests_jitter = 500
accesslog = os.environ.get("CYBERQUEST_ACCESS_LOG", "-")
# The path only, never the query string, and no client address: no personal data in the logs (DESIGN §7).
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms pid=%(p)s'


def when_ready(server):
    """In the master, after the app was loaded and before any worker is forked: the app's objects (about
    150,000) move out of the garbage collector's reach, so a full collection in a worker no longer stops it
    for about 80 ms to scan them all again."""
    gc.freeze()

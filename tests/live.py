"""Helpers for tests that talk HTTP to a running server: a browser that keeps cookies, and gunicorn started
with the project's config file."""
from __future__ import annotations

import http.cookiejar
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from .conftest import TEST_MODULES, csrf_from
from .factories import PIN

PROJECT = Path(__file__).resolve().parents[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's browser: cookies kept, redirects returned as they are."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  NoRedirect)

    def get(self, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        return self._open(urllib.request.Request(self.base + path, data=body))

    def agent_signs_in(self, class_code: str, name: str) -> int:
        """Through the card sign-in form, with the test PIN; returns the status of the answer (302 when in)."""
        token = csrf_from(self.get("/inloggen/agent")[1])
        return self.post("/inloggen/agent", {"csrf_token": token, "code": class_code, "name": name, "pin": PIN})[0]

    def _open(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as answer:  # redirects and error statuses alike
            return answer.code, answer.read().decode()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(database_url: str, log: Path, workers: int = 2, threads: int = 2, port: int | None = None):
    """The production app under gunicorn.conf.py on a loopback port; yields (base URL, server process). Stops
    the whole process group at the end, unless the test already killed it."""
    port = port or free_port()
    env = {**os.environ, "CYBERQUEST_ENV": "production", "SECRET_KEY": "test-" + "x" * 40,
           "DATABASE_URL": database_url, "CYBERQUEST_MODULES": str(TEST_MODULES),
           "CYBERQUEST_BIND": f"127.0.0.1:{port}", "CYBERQUEST_WORKERS": str(workers),
           "CYBERQUEST_THREADS": str(threads)}
    with log.open("a") as output:
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(PROJECT / "gunicorn.conf.py")],
                                  cwd=PROJECT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        yield base, server
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)

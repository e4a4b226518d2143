"""The production set-up: gunicorn with the project's config file, two workers, PostgreSQL. A session made
by one worker works on another: the worker that signed the teacher in is killed, and the next worker
serves the signed-in teacher (DESIGN §9)."""
from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from sqlalchemy import create_engine, make_url, text

from .conftest import TEST_DATABASE_URL, csrf_from
from .factories import STAFF_PASSWORD
from .live import NoRedirect, gunicorn

pytestmark = pytest.mark.postgres


def test_two_workers_share_the_signed_in_session(world, tmp_path):
    log = tmp_path / "gunicorn.log"
    with gunicorn(TEST_DATABASE_URL, log) as (base, _server):
        cookies = http.cookiejar.CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies), NoRedirect)
        form = browser.open(base + "/inloggen/medewerker").read().decode()
        body = urllib.parse.urlencode({"csrf_token": csrf_from(form), "email": "teacher@school.example.nl",
                                       "password": STAFF_PASSWORD}).encode()
        with pytest.raises(urllib.error.HTTPError) as redirect:  # the sign-in answers with a redirect
            browser.open(base + "/inloggen/medewerker", data=body)
        assert redirect.value.code == 302
        signer = None
        for _ in range(100):  # the access log line is written just after the response
            found = re.search(r'"POST /inloggen/medewerker" 302 \d+ \d+ms pid=<(\d+)>', log.read_text())
            if found:
                signer = found.group(1)
                break
            time.sleep(0.05)
        assert signer is not None, log.read_text()[-2000:]
        os.kill(int(signer), signal.SIGKILL)  # the worker that made the session is gone: another must serve it
        served = set()
        for _ in range(100):
            try:
                with browser.open(base + "/leerkracht/", timeout=5) as page:
                    assert page.status == 200 and "Groep 7" in page.read().decode()
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)  # the request reached the killed worker: the arbiter replaces it
                continue
            served = set(re.findall(r'"GET /leerkracht/" 200 \d+ \d+ms pid=<(\d+)>', log.read_text()))
            if served:
                break
        assert served and signer not in served, log.read_text()[-2000:]
        assert "teacher@school.example.nl" not in log.read_text() and STAFF_PASSWORD not in log.read_text()


_SOCKET_CONNECTIONS = text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                           "AND backend_type = 'client backend' AND client_addr IS NULL")


def test_the_production_set_up_reaches_postgresql_through_its_unix_socket(world, tmp_path):
    """The README's advice for a database on the same host: the URL form with the socket's directory works,
    and the workers' connections really come through the socket (they have no client address)."""
    over_tcp = make_url(TEST_DATABASE_URL)
    engine = create_engine(over_tcp)
    try:
        with engine.connect() as connection:
            directory = connection.execute(text("SHOW unix_socket_directories")).scalar().split(",")[0].strip()
            assert connection.execute(_SOCKET_CONNECTIONS).scalar() == 0
        through_socket = over_tcp.set(host=None, port=None).update_query_dict(
            {"host": directory, "port": str(over_tcp.port or 5432)})
        with gunicorn(through_socket.render_as_string(hide_password=False), tmp_path / "gunicorn.log") as (base, _):
            with urllib.request.urlopen(base + "/inloggen/medewerker", timeout=5) as page:
                assert page.status == 200 and 'name="password"' in page.read().decode()
            with engine.connect() as connection:
                assert connection.execute(_SOCKET_CONNECTIONS).scalar() >= 1
    finally:
        engine.dispose()

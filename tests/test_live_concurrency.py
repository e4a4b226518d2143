"""Many children answering at the same moment, through a live threaded server over HTTP (on SQLite, and on
PostgreSQL in CI): every answer gets a page, never an error, and the ledger, positions and board versions
are exactly what the same answers give one after another."""
from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from cyberquest.extensions import db
from cyberquest.models import BoardVersion, MissionProgress, XpEntry

from .conftest import csrf_from
from .factories import PIN, make_agent
from .live import Browser

MISSION = "/agent/missie/alle-soorten"
CHILDREN = 12


@pytest.fixture
def live(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


def test_a_class_answering_at_once_loses_and_doubles_nothing(app, world, live):
    with app.app_context():
        names = [f"Agent Nummer {n}" for n in range(CHILDREN)]
        for name in names:
            make_agent(db.session, world.class_id, name)
        db.session.commit()
    browsers = []
    for name in names:  # each child signs in and reaches the first scored step
        browser = Browser(live)
        token = csrf_from(browser.get("/inloggen/agent")[1])
        assert browser.post("/inloggen/agent", {"csrf_token": token, "code": world.class_code, "name": name,
                                                 "pin": PIN})[0] == 302
        token = csrf_from(browser.get(MISSION)[1])
        browser.post(f"{MISSION}/start", {"csrf_token": token})
        browser.post(f"{MISSION}/stap/welkom", {"csrf_token": token})
        browsers.append((browser, token))

    statuses: list[int] = []
    start = threading.Barrier(CHILDREN * 3)

    def answer(browser: Browser, token: str, option: list[str]) -> None:
        start.wait()
        statuses.append(browser.post(f"{MISSION}/stap/klikken", {"csrf_token": token, "option": option})[0])

    threads = [threading.Thread(target=answer, args=(browser, token, option))
               for browser, token in browsers for option in (["0"], ["1", "2"], ["1", "2"])]  # wrong, right, double
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(statuses) == CHILDREN * 3 and all(status == 200 for status in statuses), sorted(statuses)

    with app.app_context():
        xp = db.session.execute(select(XpEntry.agent_id, XpEntry.step_key, XpEntry.xp)).all()
        positions = db.session.scalars(select(MissionProgress.position)).all()
        version = db.session.scalar(select(BoardVersion.version).where(
            BoardVersion.municipality_id == world.maastricht_id))
    assert len(xp) == CHILDREN and {row.step_key for row in xp} == {"klikken"}
    assert len({row.agent_id for row in xp}) == CHILDREN
    assert all(row.xp in (10, 5) for row in xp)  # right at once, or right after the wrong try landed first
    assert positions == [2] * CHILDREN
    assert version == CHILDREN  # one raise per new ledger row, none for the doubles or the wrong answers
    status, body = Browser(live).get("/api/v1/leaderboards/municipalities")
    maastricht = next(row for row in json.loads(body)["rows"] if row["id"] == world.maastricht_id)
    assert status == 200 and maastricht["total_xp"] == sum(row.xp for row in xp)  # the board, as if one by one
    assert maastricht["active_agents"] == CHILDREN

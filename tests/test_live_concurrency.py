"""Many children of two classes answering at the same moment, through a live threaded server over HTTP (on
SQLite, and on PostgreSQL in CI): every answer gets a page, never an error, and the ledger, positions, board
versions and boards are exactly what the same answers give one after another."""
from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from cyberquest.extensions import db
from cyberquest.models import Agent, BoardVersion, MissionProgress, XpEntry

from .conftest import csrf_from
from .factories import make_agent
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


def test_two_classes_answering_at_once_lose_and_double_nothing(app, world, live):
    """Half the children in a Maastricht class, half in a Heerlen class: one municipality's answers never
    land on the other's board."""
    classes = {world.class_code: (world.class_id, world.maastricht_id),
               world.other_class_code: (world.other_class_id, world.heerlen_id)}
    children = [(code, f"Agent Nummer {n}") for n in range(CHILDREN) for code in classes][:CHILDREN]
    with app.app_context():
        for code, name in children:
            make_agent(db.session, classes[code][0], name)
        db.session.commit()
    browsers = []
    for code, name in children:  # each child signs in and reaches the first scored step
        browser = Browser(live)
        assert browser.agent_signs_in(code, name) == 302
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
        xp = db.session.execute(select(XpEntry.agent_id, XpEntry.step_key, XpEntry.xp, Agent.class_id)
                                .join(Agent, Agent.id == XpEntry.agent_id)).all()
        positions = db.session.scalars(select(MissionProgress.position)).all()
        versions = dict(db.session.execute(select(BoardVersion.municipality_id, BoardVersion.version)).all())
    assert len(xp) == CHILDREN and {row.step_key for row in xp} == {"klikken"}
    assert len({row.agent_id for row in xp}) == CHILDREN
    assert all(row.xp in (10, 5) for row in xp)  # right at once, or right after the wrong try landed first
    assert positions == [2] * CHILDREN
    status, body = Browser(live).get("/api/v1/leaderboards/municipalities")
    assert status == 200
    board = {row["id"]: row for row in json.loads(body)["rows"]}
    for class_id, municipality_id in classes.values():
        earned = [row.xp for row in xp if row.class_id == class_id]
        assert versions[municipality_id] == len(earned) == CHILDREN // 2  # one raise per new ledger row
        assert board[municipality_id]["total_xp"] == sum(earned)  # each board as if one answer at a time
        assert board[municipality_id]["active_agents"] == CHILDREN // 2

"""Crash safety: gunicorn's whole process group is killed with SIGKILL while a class is answering; after a
restart every answer that got its page is there, and nothing is half-written (an XP row always has its
solved step and the other way round, and progress is past every solved step)."""
from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import date

from sqlalchemy import select

from cyberquest.extensions import db
from cyberquest.models import Agent, MissionProgress, StepResult, XpEntry

from cyberquest.services.seasons import season_code, start_year_of

from .conftest import TEST_MODULES, csrf_from
from .factories import make_agent
from .live import PROJECT, Browser, free_port, gunicorn
from .test_ceremony_pack import _setup

MISSION = "/agent/missie/alle-soorten"
# The first steps of the test mission with a right answer each, as the step page's form sends them.
STEPS = [("welkom", {}), ("klikken", {"option": ["1", "2"]}), ("bank-pincode", {"answer": "true"}),
         ("pakket-sms", {"part": ["1"]}), ("veilig-of-niet", {"item-0": "0", "item-1": "1", "item-2": "0"})]
CHILDREN = 8


def _play(base: str, world, name: str, acknowledged: list, stop: threading.Event) -> None:
    """Sign in and answer step after step, again and again (a replay counts nothing), until the server dies."""
    browser = Browser(base)
    try:
        browser.agent_signs_in(world.class_code, name)
        token = csrf_from(browser.get(MISSION)[1])
        browser.post(f"{MISSION}/start", {"csrf_token": token})
        while not stop.is_set():
            for step_key, answer in STEPS:
                status, _page = browser.post(f"{MISSION}/stap/{step_key}", {"csrf_token": token, **answer})
                if status in (200, 302):
                    acknowledged.append((name, step_key))
    except (OSError, http.client.HTTPException):
        return  # the server is gone, maybe in the middle of a page: that answer was not acknowledged


def test_answers_that_got_their_page_survive_a_killed_server(app, world, database_url, tmp_path):
    with app.app_context():
        names = [f"Kind Nummer {n}" for n in range(CHILDREN)]
        for name in names:
            make_agent(db.session, world.class_id, name)
        db.session.commit()
    acknowledged: list[tuple[str, str]] = []
    stop = threading.Event()
    port = free_port()
    with gunicorn(database_url, tmp_path / "gunicorn.log", workers=2, threads=4, port=port) as (base, server):
        players = [threading.Thread(target=_play, args=(base, world, name, acknowledged, stop)) for name in names]
        for player in players:
            player.start()
        for _ in range(100):  # until the class is well under way
            if len(acknowledged) >= CHILDREN * len(STEPS):
                break
            time.sleep(0.05)
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
        stop.set()
        for player in players:
            player.join(timeout=30)
    assert len(acknowledged) >= CHILDREN * len(STEPS), "the class had not played enough before the kill"

    with gunicorn(database_url, tmp_path / "gunicorn.log", port=port) as (base, _server):
        assert Browser(base).get("/healthz")[0] == 200  # it starts again on the same database
    with app.app_context():
        ids = dict(db.session.execute(select(Agent.agent_name, Agent.id).where(Agent.agent_name.in_(names))).all())
        solved = set(db.session.execute(select(StepResult.agent_id, StepResult.step_key)
                                        .where(StepResult.solved_at.is_not(None))).all())
        earned = set(db.session.execute(select(XpEntry.agent_id, XpEntry.step_key)).all())
        positions = dict(db.session.execute(select(MissionProgress.agent_id, MissionProgress.position)).all())
    order = [key for key, _answer in STEPS]
    for name, step_key in set(acknowledged):
        agent_id = ids[name]
        assert positions[agent_id] > order.index(step_key), (name, step_key)
        if step_key != "welkom":  # an information step earns nothing
            assert (agent_id, step_key) in solved and (agent_id, step_key) in earned, (name, step_key)
    assert solved == earned  # no XP without its solved step, no solved step without its XP
    for agent_id, step_key in solved:
        assert positions[agent_id] > order.index(step_key)


PACK_FILES = {"programme.html", "slides.html", "attendees.csv", "summary.json", "programme.pdf", "certificates.pdf",
              "invitations.pdf"}


def test_a_killed_ceremony_generate_never_leaves_a_partial_pack(app, world, database_url, tmp_path):
    """The command is killed at growing moments of its run, over an existing pack and over none: the pack's
    folder is always either absent, the complete earlier pack, or the complete new one."""
    _setup(app, world)
    env = {**os.environ, "CYBERQUEST_ENV": "production", "SECRET_KEY": "test-" + "x" * 40,
           "DATABASE_URL": database_url, "CYBERQUEST_MODULES": str(TEST_MODULES)}
    out = tmp_path / "pak"
    command = [sys.executable, "-m", "flask", "--app", "cyberquest", "ceremony", "generate", "--season",
               season_code(start_year_of(date.today())), "--out", str(out), "--force"]
    outcomes = set()
    for delay in (0.3, 0.8, 1.3, 1.8, 2.5, None):  # None: let it finish
        run = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if delay is None:
            assert run.wait(timeout=120) == 0
        else:
            time.sleep(delay)
            run.send_signal(signal.SIGKILL)
            run.wait(timeout=30)
        if out.exists():
            assert {path.name for path in out.iterdir()} == PACK_FILES, delay
            json.loads((out / "summary.json").read_text())
            outcomes.add("complete")
        else:
            outcomes.add("absent")
        assert not [path for path in tmp_path.iterdir() if path.name != "pak" and not path.name.startswith(".")]
    assert "complete" in outcomes

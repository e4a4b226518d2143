"""A busy SQLite database (another writer holds the lock) never shows a child an error: the answer is tried
again and saved, or, when the database stays busy, a calm "busy" page says it was not saved yet."""
from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager

import pytest
from sqlalchemy import func, select

from cyberquest import create_app, schema
from cyberquest.extensions import db
from cyberquest.models import XpEntry

from .conftest import TEST_MODULES, Auth
from .factories import PIN, build_world

MISSION = "/agent/missie/alle-soorten"


@pytest.fixture
def busy_app(tmp_path):
    """An app of its own on a SQLite file whose writers wait only 50 ms for each other (5 s in real use)."""
    path = tmp_path / "busy.sqlite"
    app = create_app({"ENV": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "MODULES_DIR": str(TEST_MODULES),
                      "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"timeout": 0.05}}})
    with app.app_context():
        schema.upgrade(db.engine)
        world = build_world(db.session)
        db.session.commit()
    yield app, world, path
    with app.app_context():
        db.engine.dispose()


@contextmanager
def write_lock(path, release_after: float | None):
    """Another writer holding SQLite's write lock, until ``release_after`` seconds or the end of the block."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(release_after, other.execute, ["COMMIT"]) if release_after else None
    if timer:
        timer.start()
    try:
        yield
    finally:
        if timer:
            timer.join()
        else:
            other.execute("COMMIT")
        other.close()


def _ready_to_answer(client, world) -> Auth:
    auth = Auth(client)
    auth.agent(world.class_code, "Snelle Vos", PIN)
    client.post(f"{MISSION}/start", data={"csrf_token": auth.token(MISSION)})
    client.post(f"{MISSION}/stap/welkom", data={"csrf_token": auth.token(MISSION)})
    return auth


def _xp(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.coalesce(func.sum(XpEntry.xp), 0)))


def test_an_answer_waits_out_a_short_lock_and_is_saved(busy_app):
    app, world, path = busy_app
    client = app.test_client()
    auth = _ready_to_answer(client, world)
    token = auth.token(MISSION)
    with write_lock(path, release_after=0.12):  # longer than the 50 ms wait: the first try fails
        answered = client.post(f"{MISSION}/stap/klikken", data={"csrf_token": token, "option": ["1", "2"]})
    assert answered.status_code == 200 and "+10 XP" in answered.get_data(as_text=True)
    assert _xp(app) == 10


def test_a_lock_that_outlasts_the_retries_gives_a_calm_busy_page(busy_app):
    app, world, path = busy_app
    client = app.test_client()
    auth = _ready_to_answer(client, world)
    token = auth.token(MISSION)
    with write_lock(path, release_after=None):
        busy = client.post(f"{MISSION}/stap/klikken", data={"csrf_token": token, "option": ["1", "2"]})
    assert busy.status_code == 503
    assert "Het is nu erg druk" in busy.get_data(as_text=True) and _xp(app) == 0
    again = client.post(f"{MISSION}/stap/klikken", data={"csrf_token": token, "option": ["1", "2"]})
    assert again.status_code == 200 and _xp(app) == 10

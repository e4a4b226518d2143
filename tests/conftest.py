"""Fixtures: one app and schema per test session, a clean database per test.

The database is a real SQLite file, or the PostgreSQL server named by TEST_DATABASE_URL.
Under CI=true a missing PostgreSQL (for ``postgres`` tests) or browser is a failure.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from hypothesis import settings
from sqlalchemy import create_engine, text

from cyberquest import create_app, schema
from cyberquest.extensions import db
from cyberquest.services.board_cache import BoardCache
from cyberquest.services.seasons import SeasonIds

from .factories import STAFF_PASSWORD, World, build_world

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
TEST_MODULES = Path(__file__).resolve().parent / "modules"  # a small content pack with every step kind
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# A short, deterministic profile in CI keeps the whole run well under its time limit.
settings.register_profile("ci", max_examples=50, derandomize=True, deadline=None)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile("ci" if IN_CI else "dev")


def missing_requirement(reason: str) -> None:
    """Skip on a developer machine; fail in CI, where nothing may be skipped."""
    if IN_CI:
        pytest.fail(f"CI requires {reason}")
    pytest.skip(f"needs {reason}")


def pytest_runtest_setup(item):
    if "postgres" in item.keywords and not (TEST_DATABASE_URL or "").startswith("postgresql"):
        missing_requirement("PostgreSQL (set TEST_DATABASE_URL=postgresql+psycopg://…)")


def _empty_database(url: str) -> None:
    """Start from nothing, so the migrations build the whole schema."""
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    if TEST_DATABASE_URL:
        return TEST_DATABASE_URL
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'cyberquest-test.sqlite'}"


@pytest.fixture(scope="session")
def app(database_url: str) -> Iterator[Flask]:
    _empty_database(database_url)
    app = create_app({"ENV": "test", "SQLALCHEMY_DATABASE_URI": database_url, "MODULES_DIR": str(TEST_MODULES)})
    with app.app_context():
        schema.upgrade(db.engine)
    yield app
    with app.app_context():
        db.engine.dispose()


def _truncate_all(app: Flask) -> None:
    with app.app_context():
        db.session.remove()
        tables = [table.name for table in reversed(db.metadata.sorted_tables)]
        with db.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    connection.execute(text(f"DELETE FROM {table}"))


@pytest.fixture(autouse=True)
def _clean_database(request) -> Iterator[None]:
    """Every test that touches the app starts and ends with empty tables."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    empty_all(app)
    yield
    _truncate_all(app)


def empty_all(app: Flask) -> None:
    """Empty tables, and fresh per-process caches: the rows they remember were emptied under them."""
    _truncate_all(app)
    app.extensions["cyberquest.boards"] = BoardCache()
    app.extensions["cyberquest.season_ids"] = SeasonIds()


@pytest.fixture
def session(app: Flask):
    """A database session for service tests (inside its own app context)."""
    with app.app_context():
        yield db.session
        db.session.rollback()


@pytest.fixture
def client(app: Flask):
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def world(app: Flask) -> World:
    """Limburg plus two schools, a library, and one person of every role (see factories)."""
    with app.app_context():
        result = build_world(db.session)
        db.session.commit()
        return result


CSRF_PATTERN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_PATTERN.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


class Auth:
    """Signs in through the real forms, CSRF token included."""

    def __init__(self, client) -> None:
        self.client = client

    def token(self, path: str = "/inloggen/medewerker") -> str:
        return csrf_from(self.client.get(path).get_data(as_text=True))

    def post(self, path: str, data: dict, **kwargs):
        return self.client.post(path, data={"csrf_token": self.token(path), **data}, **kwargs)

    def staff(self, email: str, password: str = "", **kwargs):
        return self.post("/inloggen/medewerker", {"email": email, "password": password or STAFF_PASSWORD}, **kwargs)

    def agent(self, code: str, name: str, pin: str, **kwargs):
        return self.post("/inloggen/agent", {"code": code, "name": name, "pin": pin}, **kwargs)

    def learner(self, code: str, name: str, pin: str, **kwargs):
        return self.post("/inloggen/cursist", {"code": code, "name": name, "pin": pin}, **kwargs)

    def sign_out(self):
        return self.client.post("/uitloggen", data={"csrf_token": self.token("/weergave")})


@pytest.fixture
def auth(client) -> Auth:
    return Auth(client)

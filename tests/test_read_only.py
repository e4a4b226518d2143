"""Pages marked ``reads_only`` (web/read_only.py): on PostgreSQL their queries run without a transaction,
such a page can never write, and the pooled connection is transactional again for the next request."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text, update

from cyberquest import create_app
from cyberquest.extensions import db
from cyberquest.models import Municipality
from cyberquest.web.read_only import READS_ONLY, WriteOnReadOnlyPage, reads_only
from tests.conftest import TEST_MODULES
from tests.factories import PIN
from tests.test_query_counts import counted

MISSION = "/agent/missie/alle-soorten"
MARKED = {"agent.home", "agent.mission", "boards.municipalities", "boards.schools", "boards.classes",
          "boards.embed", "teacher.progress", "municipality.overview"}


def _autocommit(dbapi_connection) -> bool:
    """sqlite3 and psycopg spell 'no transaction around statements' differently."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        return dbapi_connection.isolation_level is None
    return dbapi_connection.autocommit


def _statement_seen(connection, statement: str, context) -> tuple[str, bool, bool]:
    """A statement, whether it ran marked read-only, and whether it ran without a transaction."""
    return (statement, bool(context.execution_options.get(READS_ONLY)),
            _autocommit(connection.connection.dbapi_connection))


def test_the_hot_pages_are_marked(app):
    marked = {endpoint for endpoint, view in app.view_functions.items() if getattr(view, "reads_only", False)}
    assert marked == MARKED


def test_a_step_page_reads_without_a_transaction_on_postgresql_and_an_answer_writes_in_one(app, world, auth):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    auth.client.post(f"{MISSION}/start", data={"csrf_token": auth.token(MISSION)})
    token = auth.token(MISSION)
    postgresql = app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")
    with counted(app, _statement_seen) as page:
        assert auth.client.get(MISSION).status_code == 200
    assert page
    assert all(marked for _statement, marked, _free in page)
    assert all(free == postgresql for _statement, _marked, free in page)
    with counted(app, _statement_seen) as answer:
        response = auth.client.post(f"{MISSION}/stap/welkom", data={"csrf_token": token})
    assert response.status_code == 302
    assert any(statement.lstrip().upper().startswith(("INSERT", "UPDATE")) for statement, _m, _f in answer)
    assert not any(marked for _statement, marked, _free in answer)
    if postgresql:  # the same pooled connection is back in a transaction
        assert not any(free for _statement, _marked, free in answer)


def test_a_page_that_is_not_marked_keeps_its_transaction(app, world, auth):
    auth.staff("teacher@school.example.nl")
    with counted(app, _statement_seen) as page:
        assert auth.client.get("/leerkracht/").status_code == 200
    assert page and not any(marked or free for _statement, marked, free in page)


@pytest.fixture
def app_with_a_writing_page(database_url):
    """A separate app (routes cannot be added once the shared one served a request) whose marked page writes."""
    writing_app = create_app({"ENV": "test", "SQLALCHEMY_DATABASE_URI": database_url,
                              "MODULES_DIR": str(TEST_MODULES)})

    @reads_only
    def rename(municipality_id: int):
        db.session.execute(update(Municipality).where(Municipality.id == municipality_id).values(name="Gewijzigd"))
        db.session.commit()
        return "renamed"

    writing_app.add_url_rule("/test/hernoem/<int:municipality_id>", view_func=rename)
    yield writing_app
    with writing_app.app_context():
        db.engine.dispose()


def test_a_marked_page_that_writes_fails_and_writes_nothing(app_with_a_writing_page, world, caplog):
    response = app_with_a_writing_page.test_client().get(f"/test/hernoem/{world.maastricht_id}")
    assert response.status_code == 500
    assert "Unhandled WriteOnReadOnlyPage" in caplog.text
    with app_with_a_writing_page.app_context():
        assert db.session.scalar(select(Municipality.name).where(Municipality.id == world.maastricht_id)) \
            == "Maastricht"


def test_the_guard_lets_reading_through(app, world):
    with app.app_context():
        with db.engine.connect() as connection:
            marked = connection.execution_options(**{READS_ONLY: True})
            assert marked.execute(text("SELECT 1")).scalar() == 1
            with pytest.raises(WriteOnReadOnlyPage):
                marked.execute(text("DELETE FROM municipalities"))

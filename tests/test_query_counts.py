"""Pages children and teachers use all day issue a bounded number of SQL statements, the same for a
small and a large class and region (DESIGN §10: no N+1)."""
from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager

from sqlalchemy import event, insert, select, update
from sqlalchemy.orm import Session

from cyberquest.extensions import db
from cyberquest.models import (ActiveWeek, Agent, BadgeAward, MissionProgress, School, SchoolClass, Season, StepResult,
                               XpEntry, utcnow)
from cyberquest.services.badges import monday_of
from cyberquest.services.board_cache import BoardCache
from cyberquest.services.secrets import hash_secret
from seeds.demo_progress import DEMO_PASSPHRASE

from .conftest import csrf_from
from .factories import PIN

MISSION = "/agent/missie/alle-soorten"
# measured, plus a little room
BOUNDS = {"mission map": 7, "step page": 3, "answer": 7, "finishing answer": 14, "mission end page": 3,
          "class matrix": 6}


def _text(_connection, statement: str, _context) -> str:
    return statement


@contextmanager
def counted(app, describe: Callable = _text):
    """Each statement the app runs meanwhile, as ``describe(connection, statement, context)`` tells it."""
    statements: list = []

    def listener(connection, _cursor, statement, _parameters, context, _executemany):
        statements.append(describe(connection, statement, context))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def _grow(app, world, agents_per_class: int, classes: int) -> None:
    """More children in the class, and more classes and schools around it, with answers of their own."""
    with app.app_context():
        pin = hash_secret(PIN, "fast")
        school_class = db.session.get(SchoolClass, world.class_id)
        db.session.execute(insert(Agent), [{"class_id": world.class_id, "agent_name": f"Extra {n}",
                                             "name_key": f"extra {n}", "pin_hash": pin}
                                            for n in range(agents_per_class)])
        municipality_id = db.session.get(School, world.school_id).municipality_id
        for number in range(classes):
            school = School(name=f"School {number}", municipality_id=municipality_id)
            other = SchoolClass(school=school, season_id=school_class.season_id, name="Groep 7",
                                class_code=f"GROEI{number:03d}")
            db.session.add(other)
            db.session.flush()
            db.session.execute(insert(Agent), [{"class_id": other.id, "agent_name": f"Ander {number} {n}",
                                                 "name_key": f"ander {number} {n}", "pin_hash": pin} for n in range(25)])
        ids = list(db.session.scalars(select(Agent.id).where(Agent.id != world.agent_id)))
        db.session.execute(insert(StepResult), [{"agent_id": agent_id, "season_id": school_class.season_id,
                                                  "mission_id": "alle-soorten", "step_key": "klikken", "tries": 1,
                                                  "hint_used": False} for agent_id in ids])
        db.session.commit()


def _mid_mission(client, auth, world) -> str:
    """The agent signed in and past the mission's first step, before its first scored one; the form token."""
    auth.agent(world.class_code, "Snelle Vos", PIN)
    token = csrf_from(client.get(MISSION).get_data(as_text=True))
    client.post(f"{MISSION}/start", data={"csrf_token": token})
    client.post(f"{MISSION}/stap/welkom", data={"csrf_token": token})
    return token


def _measure(app, client, auth, world) -> dict[str, int]:
    """Statements per page for the signed-in agent in the middle of a mission, and for their teacher."""
    token = _mid_mission(client, auth, world)
    mission = app.extensions["cyberquest.content"].pack.missions["alle-soorten"]
    assert mission.steps[-1].kind == "password"
    counts = {}
    with counted(app) as statements:
        assert client.get("/agent/").status_code == 200
    counts["mission map"] = len(statements)
    with counted(app) as statements:
        assert client.get(MISSION).status_code == 200
    counts["step page"] = len(statements)
    with counted(app) as statements:
        assert client.post(f"{MISSION}/stap/klikken", data={"csrf_token": token, "option": ["1", "2"]}).status_code == 200
    counts["answer"] = len(statements)
    with app.app_context():  # on to the last step: its answer finishes the mission and awards badges
        db.session.execute(update(MissionProgress).where(MissionProgress.agent_id == world.agent_id)
                           .values(position=len(mission.steps) - 1))
        db.session.commit()
    with counted(app) as statements:
        finishing = client.post(f"{MISSION}/stap/{mission.steps[-1].key}",
                                data={"csrf_token": token, "password": DEMO_PASSPHRASE})
    assert 'class="celebration"' in finishing.get_data(as_text=True)
    counts["finishing answer"] = len(statements)
    with app.app_context():  # the rest of the mission played, and its badges celebrated
        db.session.execute(update(MissionProgress).where(MissionProgress.agent_id == world.agent_id)
                           .values(position=99, finished_at=utcnow()))
        db.session.execute(update(BadgeAward).where(BadgeAward.agent_id == world.agent_id).values(seen_at=utcnow()))
        db.session.commit()
    with counted(app) as statements:
        assert "Missie geslaagd" in client.get(MISSION).get_data(as_text=True)
    counts["mission end page"] = len(statements)
    auth.sign_out()
    auth.staff("teacher@school.example.nl")
    with counted(app) as statements:
        assert client.get(f"/leerkracht/klassen/{world.class_id}/voortgang").status_code == 200
    counts["class matrix"] = len(statements)
    auth.sign_out()
    return counts


def test_page_costs_do_not_grow_with_the_class_or_the_region(app, client, auth, world):
    small = _measure(app, client, auth, world)
    _grow(app, world, agents_per_class=30, classes=40)
    with app.app_context():  # play the same steps again from the start
        db.session.execute(StepResult.__table__.delete().where(StepResult.agent_id == world.agent_id))
        for model in (MissionProgress, XpEntry, BadgeAward):
            db.session.execute(model.__table__.delete().where(model.agent_id == world.agent_id))
        db.session.commit()
    large = _measure(app, client, auth, world)
    assert large == small, (small, large)
    for page, count in large.items():
        assert count <= BOUNDS[page], (page, count)


def test_an_answer_writes_the_week_and_reads_the_season_xp_only_when_it_must(app, client, auth, world):
    """The signed-in child is loaded knowing whether this week is recorded, and the answer's progress read brings
    the season's XP: the answer adds no statement for either, unless the week is new."""
    token = _mid_mission(client, auth, world)  # going past the welcome recorded this week
    with counted(app) as statements:
        assert client.post(f"{MISSION}/stap/klikken", data={"csrf_token": token, "option": ["1", "2"]}).status_code == 200
    assert not [text for text in statements if "active_weeks" in text and text.startswith("INSERT")], statements
    assert not [text for text in statements if text.startswith("SELECT coalesce(sum(xp_ledger.xp)")], statements
    with app.app_context():  # the week forgotten, as on a Monday morning
        db.session.execute(ActiveWeek.__table__.delete().where(ActiveWeek.agent_id == world.agent_id))
        db.session.commit()
    with counted(app) as statements:  # the same step again: solved before, but an answer all the same
        assert client.post(f"{MISSION}/stap/klikken", data={"csrf_token": token, "option": ["1", "2"]}).status_code == 200
    assert [text for text in statements if text.startswith("INSERT INTO active_weeks")], statements
    with app.app_context():
        assert db.session.scalar(select(ActiveWeek.week_of).where(ActiveWeek.agent_id == world.agent_id)) \
            == monday_of(utcnow().date())


@contextmanager
def commits_marked(app):
    """The statements run meanwhile, with "COMMIT" where the session committed."""
    with counted(app) as statements:
        def committed(_session):
            statements.append("COMMIT")
        event.listen(Session, "after_commit", committed)
        try:
            yield statements
        finally:
            event.remove(Session, "after_commit", committed)


def _nothing_after_one_commit(statements: list) -> None:
    assert statements.count("COMMIT") == 1 and statements[-1] == "COMMIT", statements
    # No badges were waiting when the person was loaded, and the answer brought none: nothing to look up
    assert not [statement for statement in statements if statement.startswith("SELECT badge_awards")], statements


def test_the_page_after_an_answer_asks_the_database_nothing_after_the_commit(app, client, auth, world):
    """The badges to celebrate are looked up in the answer's transaction, and nothing loaded is read again
    (web/celebrations.py): on PostgreSQL a new transaction after the commit costs round trips of its own."""
    token = _mid_mission(client, auth, world)
    for given in (["1"], ["1", "2"]):  # a wrong answer, then the right one
        with commits_marked(app) as statements:
            response = client.post(f"{MISSION}/stap/klikken", data={"csrf_token": token, "option": given})
        assert response.status_code == 200
        _nothing_after_one_commit(statements)


def test_the_page_after_a_seniors_answer_asks_the_database_nothing_after_the_commit(app, client, auth, world):
    lesson = "/cursist/cursus/veilig-appen/les/herkennen"
    auth.learner(world.group_code, "Annie", PIN)
    token = csrf_from(client.get(lesson).get_data(as_text=True))
    client.post(f"{lesson}/stap/uitleg", data={"csrf_token": token})
    for given in ("false", "true"):  # a wrong answer, then the right one
        with commits_marked(app) as statements:
            response = client.post(f"{lesson}/stap/pincode", data={"csrf_token": token, "answer": given})
        assert response.status_code == 200
        _nothing_after_one_commit(statements)


def test_a_board_reads_the_seasons_once_for_its_filter_and_its_season(app, client, world):
    """The season asked for (or the current one) is picked from the list the season filter shows."""
    board = f"/ranglijst/gemeenten/{world.maastricht_id}"
    assert client.get(board).status_code == 200  # computed once, then kept
    with app.app_context():
        code = db.session.get(Season, world.season_id).code
    for query in ("", f"?seizoen={code}"):
        with counted(app) as statements:
            page = client.get(board + query).get_data(as_text=True)
        assert f'<option value="{code}" selected>' in page
        assert len([text for text in statements if "FROM seasons" in text]) == 1, statements
    assert client.get(board + "?seizoen=1999-2000").status_code == 404


def test_a_fresh_board_is_shown_without_reading_its_versions(app, client, world):
    """While a board is fresh (as in production: shown up to a minute behind), its page reads the municipality
    and the seasons only; once it is not, the versions decide whether it is still current."""
    now = [1000.0]
    app.extensions["cyberquest.boards"] = BoardCache(fresh_for=60, clock=lambda: now[0])
    board = f"/ranglijst/gemeenten/{world.maastricht_id}"
    assert client.get(board).status_code == 200  # computed and kept
    for later, reads_versions in ((30, False), (120, True)):
        now[0] += later
        with counted(app) as statements:
            assert client.get(board).status_code == 200
        assert len(statements) == 2 + reads_versions, statements
        assert any("board_versions" in text for text in statements) == reads_versions, statements


def test_recording_a_name_read_costs_the_page_its_insert_only(app, client, auth, world):
    """The audit entry's commit keeps what the page had loaded: the class, its children, the teacher are not
    read again to render it."""
    auth.staff("teacher@school.example.nl")
    class_page = f"/leerkracht/klassen/{world.class_id}"
    with counted(app) as without_note:
        assert client.get(class_page).status_code == 200
    with app.app_context():
        db.session.get(Agent, world.agent_id).private_note = "Wietske"
        db.session.commit()
    with counted(app) as with_note:
        assert "Wietske" in client.get(class_page).get_data(as_text=True)
    assert sum(text.startswith("INSERT INTO audit_log") for text in with_note) == 1, with_note
    assert len(with_note) == len(without_note) + 1, (without_note, with_note)

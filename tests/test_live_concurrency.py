"""Many children of two classes answering at the same moment, through a live threaded server over HTTP (on
SQLite, and on PostgreSQL in CI): every answer gets a page, never an error, and the ledger, positions, board
versions and boards are exactly what the same answers give one after another."""
from __future__ import annotations

import json
import threading
from collections import Counter

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from cyberquest.extensions import db
from cyberquest.models import (Agent, BadgeAward, BoardVersion, MissionProgress, Municipality, School, SchoolClass,
                               Season, XpEntry)
from cyberquest.services.groups import create_class

from .conftest import csrf_from, empty_all
from .factories import build_world, make_agent, make_staff
from .live import Browser, gunicorn
from .test_play import _order_answer

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


REGION_MUNICIPALITIES = 4
SCHOOLS_PER_MUNICIPALITY = 2
CHILDREN_PER_CLASS = 8
FIRST = "t-eerste"  # the test badge for the first child of a class to finish the mission


def _build_region(app) -> list[tuple[str, str]]:
    """Four municipalities of the reference region, two schools each, a class of eight in each school; returns
    every child's (class code, name)."""
    children = []
    with app.app_context():
        season = db.session.scalars(select(Season)).one()
        places = db.session.scalars(select(Municipality).order_by(Municipality.name)).all()
        for place in places[:REGION_MUNICIPALITIES]:
            for number in range(SCHOOLS_PER_MUNICIPALITY):
                school = School(name=f"School {number} in {place.name}", municipality=place)
                db.session.add(school)
                db.session.flush()
                teacher = make_staff(db.session, f"teacher{number}@{school.id}.example.nl", "teacher",
                                     school_id=school.id)
                code = f"R{school.id:05d}"
                school_class = create_class(db.session, teacher, school.id, season, "Groep 7", code=code)
                for child in range(CHILDREN_PER_CLASS):
                    make_agent(db.session, school_class.id, f"Agent {place.name} {number}-{child}")
                    children.append((code, f"Agent {place.name} {number}-{child}"))
        db.session.commit()
    return children


def _plays_the_mission(browser: Browser, number: int, twice_at_once) -> list[int]:
    """One child's whole mission, step after step. Some children make a mistake first or take a hint; every
    child sends one right answer twice at the same moment (a double click). Returns every status."""
    token = csrf_from(browser.get(MISSION)[1])

    def step(key: str, data: dict | None = None) -> int:
        return browser.post(f"{MISSION}/stap/{key}", {"csrf_token": token, **(data or {})})[0]

    statuses = [browser.post(f"{MISSION}/start", {"csrf_token": token})[0], step("welkom")]
    if number % 2:
        statuses.append(step("klikken", {"option": ["0"]}))
    statuses += twice_at_once(lambda: step("klikken", {"option": ["1", "2"]}))
    statuses.append(step("bank-pincode", {"answer": "true"}))
    if number % 3 == 0:
        statuses.append(browser.post(f"{MISSION}/stap/pakket-sms/hint", {"csrf_token": token})[0])
    statuses.append(step("pakket-sms", {"part": ["1"]}))
    statuses.append(step("veilig-of-niet", {"item-0": "0", "item-1": "1", "item-2": "0"}))
    statuses.append(step("back-up", _order_answer(browser.get(MISSION)[1])))
    statuses.append(step("wachtzin", {"password": "paarse olifant fietst naar Venlo"}))
    return statuses


def _twice_at_once(send) -> list[int]:
    results: list[int] = []
    pair = [threading.Thread(target=lambda: results.append(send())) for _ in range(2)]
    for thread in pair:
        thread.start()
    for thread in pair:
        thread.join(timeout=60)
    return results


def _twice_in_turn(send) -> list[int]:
    return [send(), send()]


def _region_outcome(app, base: str) -> dict:
    """Everything the answers decide, by name (ids differ between two builds of the region)."""
    with app.app_context():
        child = (Municipality.name, School.name, Agent.agent_name)
        in_region = (select(*child).join(SchoolClass, Agent.class_id == SchoolClass.id)
                     .join(School, SchoolClass.school_id == School.id).join(Municipality))
        ledger = sorted(tuple(row) for row in db.session.execute(
            in_region.add_columns(XpEntry.step_key, XpEntry.xp).join(XpEntry, XpEntry.agent_id == Agent.id)))
        badges = sorted(tuple(row) for row in db.session.execute(
            in_region.add_columns(BadgeAward.badge_id).join(BadgeAward, BadgeAward.agent_id == Agent.id)))
        # Who finishes first in a class depends on the order; that each class has exactly one does not.
        first_in_class = Counter((place, school) for place, school, _name, badge in badges if badge == FIRST)
        badges = [row for row in badges if row[-1] != FIRST]
        progress = sorted(tuple(row) for row in db.session.execute(in_region.add_columns(
            MissionProgress.position, MissionProgress.finished_at.is_not(None))
            .join(MissionProgress, MissionProgress.agent_id == Agent.id)))
        versions = sorted(tuple(row) for row in db.session.execute(
            select(Municipality.name, BoardVersion.version).join(BoardVersion)))
        municipality_ids = db.session.scalars(select(Municipality.id).order_by(Municipality.name)).all()
    boards = {}
    for municipality_id in municipality_ids[:REGION_MUNICIPALITIES]:
        status, body = Browser(base).get(f"/api/v1/leaderboards/municipalities/{municipality_id}/schools")
        assert status == 200
        document = json.loads(body)
        boards[document["municipality"]] = [(row["name"], row["rank"], row["total_xp"], row["active_agents"],
                                             row["cyber_agents"]) for row in document["rows"]]
    return {"ledger": ledger, "badges": badges, "first_in_class": first_in_class, "progress": progress,
            "versions": versions, "boards": boards}


@pytest.fixture(params=["threaded", "gunicorn"])
def server_at_once(request, live, database_url, tmp_path):
    """The server the region plays on at once: the test's own app served by threads, or the production app
    under gunicorn.conf.py with two worker processes of eight threads each (processes share only the
    database)."""
    if request.param == "threaded":
        yield live
        return
    with gunicorn(database_url, tmp_path / "gunicorn.log", workers=2, threads=8) as (base, _server):
        yield base


def test_a_region_playing_at_once_ends_exactly_as_one_child_at_a_time(app, world, live, server_at_once):
    """64 children in eight classes of four municipalities play a whole mission at the same time (a double
    click in every mission); then the region is built again and the same answers are sent one at a time.
    Ledger, badges, positions, board versions and the school boards are the same."""
    children = _build_region(app)
    browsers = []
    for code, name in children:
        browser = Browser(server_at_once)
        assert browser.agent_signs_in(code, name) == 302
        browsers.append(browser)
    statuses: list[int] = []
    start = threading.Barrier(len(browsers))

    def child(number: int, browser: Browser) -> None:
        start.wait()
        statuses.extend(_plays_the_mission(browser, number, _twice_at_once))

    threads = [threading.Thread(target=child, args=(number, browser)) for number, browser in enumerate(browsers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    at_once = _region_outcome(app, live)

    empty_all(app)
    with app.app_context():
        build_world(db.session)
        db.session.commit()
    assert _build_region(app) == children
    one_at_a_time: list[int] = []
    for number, (code, name) in enumerate(children):
        browser = Browser(live)
        assert browser.agent_signs_in(code, name) == 302
        one_at_a_time.extend(_plays_the_mission(browser, number, _twice_in_turn))
    in_turn = _region_outcome(app, live)

    assert sorted(statuses) == sorted(one_at_a_time) and set(statuses) <= {200, 302}
    assert len(at_once["ledger"]) == len(children) * 7  # six scored steps and the mission, once each
    assert {badge for *_child, badge in at_once["badges"]} >= {"t-missie", "t-kern"}
    assert list(at_once["first_in_class"].values()) == [1] * REGION_MUNICIPALITIES * SCHOOLS_PER_MUNICIPALITY
    assert at_once == in_turn

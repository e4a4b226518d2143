"""Leaderboards on a hand-built region: ties, the minimums, unjoined municipalities, season boundaries,
the JSON API against its OpenAPI document, and never a child's name."""
from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from datetime import date

import pytest
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from sqlalchemy import select

from cyberquest.background import BackgroundJobs
from cyberquest.extensions import db
from cyberquest.models import (Agent, BoardSnapshot, MissionProgress, Municipality, School, SchoolClass, Season,
                               StepResult, XpEntry, utcnow)
from cyberquest.services import board_figures, consent, leaderboards, play
from cyberquest.services.board_cache import BoardCache
from cyberquest.services.seasons import create_season, start_year_of

from .factories import make_agent

MUNICIPALITIES = ("Beek", "Vaals", "Gennep", "Mook en Middelaar")


def _school_with_agents(session, municipality: Municipality, season: Season, name: str, xp: list[int]) -> list[int]:
    school = School(name=name, municipality=municipality)
    session.add(school)
    session.flush()
    school_class = SchoolClass(school_id=school.id, season_id=season.id, name="Groep 8", class_code=f"C{school.id:05d}")
    session.add(school_class)
    session.flush()
    ids = []
    for number, points in enumerate(xp):
        agent = make_agent(session, school_class.id, f"Agent {school.id} {number}")
        if points:
            session.add(XpEntry(agent_id=agent.id, season_id=season.id, source_type="mission", source_id="m",
                                step_key="s", xp=points, created_at=utcnow()))
        ids.append(agent.id)
    session.flush()
    return ids


@pytest.fixture
def computed(monkeypatch) -> list[int]:
    """One entry per computation of a board's figures (the work a cached board saves)."""
    counted: list[int] = []
    original = board_figures.per_group
    monkeypatch.setattr(board_figures, "per_group", lambda *a: counted.append(1) or original(*a))
    return counted


@pytest.fixture
def region(app, world):
    """Beek and Vaals joined, each 140 XP from 14 active agents (a tie); Gennep joined with 3 active;
    Mook en Middelaar not joined with 15 active; plus XP in last season that must not count.

    Beek's schools: De Linde 6 × 10 XP; Het Klooster 3 × 20 XP and 3 who only answered wrongly
    (active, no XP); Sint Jozef 3 who never played; De Wissel 2 × 10 XP (too small to be named).
    """
    with app.app_context():
        session = db.session
        season = session.get(Season, world.season_id)
        last = create_season(session, start_year_of(date.today()) - 1)
        places = {m.name: m for m in session.scalars(select(Municipality).where(Municipality.name.in_(MUNICIPALITIES)))}
        for name, joined, children in (("Beek", date(2025, 10, 1), 1000), ("Vaals", date(2025, 10, 1), 2000),
                                       ("Gennep", date(2025, 10, 1), 500), ("Mook en Middelaar", None, 400)):
            places[name].joined_on, places[name].children_8_12 = joined, children
        _school_with_agents(session, places["Beek"], season, "De Linde", [10] * 6)
        klooster = _school_with_agents(session, places["Beek"], season, "Het Klooster", [20, 20, 20, 0, 0, 0])
        _school_with_agents(session, places["Beek"], season, "Sint Jozef", [0] * 3)
        _school_with_agents(session, places["Beek"], season, "De Wissel", [10, 10])
        vaals = _school_with_agents(session, places["Vaals"], season, "De Schatkamer", [10] * 14)
        _school_with_agents(session, places["Gennep"], season, "Het Kompas", [50, 50, 50])
        _school_with_agents(session, places["Mook en Middelaar"], season, "De Horst", [30] * 15)
        session.add(XpEntry(agent_id=vaals[0], season_id=last.id, source_type="mission", source_id="m",
                            step_key="s", xp=1000, created_at=utcnow()))  # another season: never counted
        session.add_all([  # one Cyber Agent in Vaals: the core mission done and an offline task confirmed
            MissionProgress(agent_id=vaals[1], season_id=season.id, mission_id="alle-soorten", position=7,
                            finished_at=utcnow()),
            XpEntry(agent_id=vaals[1], season_id=season.id, source_type="offline", source_id="buiten",
                    step_key="#done", xp=0, created_at=utcnow())])
        for agent_id in klooster[3:]:  # a wrong answer makes an agent active, without XP
            session.add(StepResult(agent_id=agent_id, season_id=season.id, mission_id="alle-soorten",
                                   step_key="klikken", tries=1))
        session.commit()
        return {name: m.id for name, m in places.items()} | {"season": season.code, "last": last.code}


def _rows(app, measure="xp"):
    with app.app_context():
        season = db.session.scalar(select(Season).order_by(Season.starts_on.desc()))
        store = app.extensions["cyberquest.content"]
        rows = leaderboards.municipalities(db.session, store.pack, season, measure)
        return {row.name: row for row in rows}, [row.name for row in rows]


def test_municipalities_by_xp_with_a_tie_the_minimum_and_unjoined(app, region):
    rows, order = _rows(app)
    assert (rows["Beek"].rank, rows["Vaals"].rank) == (1, 1)  # 140 XP each: they share first place
    assert rows["Beek"].total_xp == 140 and rows["Vaals"].total_xp == 140  # last season's 1000 not counted
    assert rows["Beek"].active_agents == 14 and rows["Vaals"].active_agents == 14
    assert rows["Gennep"].ranked is False and rows["Gennep"].reason == "too_few_active"
    assert rows["Mook en Middelaar"].ranked is False and rows["Mook en Middelaar"].reason == "not_joined"
    assert rows["Mook en Middelaar"].total_xp == 450  # listed, with its numbers, but not ranked
    assert order.index("Vaals") < order.index("Gennep")


def test_participation_and_missions_measures(app, region):
    agents, _order = _rows(app, "agents")
    assert agents["Vaals"].cyber_agents == 1 and agents["Beek"].cyber_agents == 0
    assert (agents["Vaals"].rank, agents["Beek"].rank) == (1, 2)
    assert agents["Vaals"].missions_per_agent == round(2 / 14, 2)
    rows, order = _rows(app, "participation")
    assert rows["Beek"].participation_per_1000 == 14.0 and rows["Vaals"].participation_per_1000 == 7.0
    assert (rows["Beek"].rank, rows["Vaals"].rank) == (1, 2)
    assert order[:2] == ["Beek", "Vaals"]


def test_schools_are_shown_by_name_from_five_active_agents(app, region):
    with app.app_context():
        season = db.session.scalar(select(Season).order_by(Season.starts_on.desc()))
        beek = db.session.get(Municipality, region["Beek"])
        rows = leaderboards.schools(db.session, app.extensions["cyberquest.content"].pack, season, beek)
    assert [(r.rank, r.name, r.total_xp, r.active_agents, r.reason) for r in rows] == [
        (1, "De Linde", 60, 6, None), (1, "Het Klooster", 60, 6, None), (None, None, 20, 2, "too_few_active")]


def test_classes_of_a_named_school_and_no_page_for_a_small_one(app, client, region):
    with app.app_context():
        linde = db.session.scalar(select(School.id).where(School.name == "De Linde"))
        wissel = db.session.scalar(select(School.id).where(School.name == "De Wissel"))
    page = client.get(f"/ranglijst/scholen/{linde}").get_data(as_text=True)
    assert "Groep 8" in page and "<td>60</td>" in page
    board = client.get(f"/ranglijst/gemeenten/{region['Beek']}").get_data(as_text=True)
    link = re.search(r'<a href="([^"]+)">De Linde</a>', board).group(1)
    assert link.startswith(f"/ranglijst/scholen/{linde}?seizoen=") and client.get(link).status_code == 200
    municipalities = client.get("/ranglijst").get_data(as_text=True)
    link = re.search(r'<a href="([^"]+)">Beek</a>', municipalities).group(1)
    assert link.startswith(f"/ranglijst/gemeenten/{region['Beek']}?seizoen=") and "De Linde" in client.get(link).text
    assert client.get(f"/ranglijst/scholen/{wissel}").status_code == 404


def test_the_api_answers_as_its_openapi_document_says(app, client, region):
    spec = OpenAPI.from_dict(client.get("/api/v1/openapi.json").get_json())
    for path in ("/api/v1/seasons", f"/api/v1/leaderboards/municipalities?season={region['season']}&measure=agents",
                 "/api/v1/leaderboards/municipalities?measure=participation&page=2",
                 f"/api/v1/leaderboards/municipalities/{region['Beek']}/schools?season={region['season']}",
                 "/api/v1/leaderboards/municipalities?measure=loudness",
                 "/api/v1/leaderboards/municipalities/999999/schools"):
        response = client.get(path)
        spec.validate_response(WerkzeugOpenAPIRequest(response.request), WerkzeugOpenAPIResponse(response))
        assert response.headers["Access-Control-Allow-Origin"] == "*"
    board = client.get("/api/v1/leaderboards/municipalities").get_json()
    assert board["pages"] == 2 and len(board["rows"]) == 20 and board["rows"][0]["rank"] == 1


def test_no_name_of_a_child_appears_on_any_board_api_or_widget(app, client, region, world):
    with app.app_context():
        agent = db.session.get(Agent, world.agent_id)
        consent.record(db.session, agent, world.season_id, "Zoëlla Q.", world.teacher_id)
        db.session.commit()
        names = ["Zoëlla", agent.agent_name, "Annie"] + list(db.session.scalars(select(Agent.agent_name)))[:20]
    paths = ["/ranglijst", f"/ranglijst/gemeenten/{region['Beek']}", "/embed/leaderboard",
             "/api/v1/leaderboards/municipalities", f"/api/v1/leaderboards/municipalities/{region['Beek']}/schools",
             f"/ranglijst?seizoen={region['last']}&maat=missions"]
    for path in paths:
        body = client.get(path).get_data(as_text=True)
        assert not [name for name in names if name in body], path


def test_only_the_widget_may_be_framed(client, region):
    widget = client.get("/embed/leaderboard")
    assert "frame-ancestors *" in widget.headers["Content-Security-Policy"] and "X-Frame-Options" not in widget.headers
    assert [name for name, _value in widget.headers].count("Content-Security-Policy") == 1  # its own, not both
    board = client.get("/ranglijst")
    assert board.headers["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in board.headers["Content-Security-Policy"]
    assert client.get("/ranglijst?seizoen=1999-2000").status_code == 404


def test_a_right_answer_refreshes_the_boards_and_a_wrong_one_recomputes_nothing(app, client, region, world,
                                                                             computed):
    store = app.extensions["cyberquest.content"]
    region_board = "/api/v1/leaderboards/municipalities?measure=xp"
    maastricht = f"/api/v1/leaderboards/municipalities/{world.maastricht_id}/schools"
    before = {row["name"]: row for row in client.get(region_board).get_json()["rows"]}
    client.get(maastricht)
    beek_schools = f"/api/v1/leaderboards/municipalities/{region['Beek']}/schools"
    client.get(beek_schools)
    assert len(computed) == 3
    mission = store.pack.missions["alle-soorten"]
    with app.app_context():
        play.progress(db.session, world.agent_id, world.season_id, mission.id)
        play.go_on(db.session, store.kinds, world.agent_id, world.season_id, mission, "welkom")
        assert not play.answer(db.session, store.kinds, world.agent_id, world.season_id, mission, "klikken",
                               {0}).correct
        db.session.commit()
    client.get(region_board), client.get(maastricht), client.get(beek_schools)
    assert len(computed) == 3  # a wrong answer: every board still comes from the cache
    with app.app_context():
        play.answer(db.session, store.kinds, world.agent_id, world.season_id, mission, "klikken", {1, 2})
        db.session.commit()
    after = {row["name"]: row for row in client.get(region_board).get_json()["rows"]}
    assert after["Maastricht"]["total_xp"] == before["Maastricht"]["total_xp"] + 5
    client.get(maastricht)
    client.get(beek_schools)
    assert len(computed) == 5  # the region and Maastricht again; Beek's schools did not change


def versions(*values) -> Callable[[object], tuple]:
    """A board scope's versions as the cache asks for them."""
    return lambda _session: values


def test_while_the_region_plays_a_board_is_recomputed_at_most_once_per_interval():
    now = [100.0]
    cache, computed = BoardCache(max_age=300, fresh_for=15, clock=lambda: now[0]), []

    def board(version):
        return cache.get(("schools", 1), versions(version), lambda _: computed.append(version) or version)

    assert board(1) == 1
    now[0] += 10
    assert board(2) == 1  # changed, but the board may be 15 s behind
    now[0] += 6
    assert board(3) == 3 and computed == [1, 3]
    now[0] += 20
    assert board(3) == 3 and computed == [1, 3]  # unchanged: still cached


def test_boards_stored_together_are_not_all_recomputed_together():
    now = [0.0]
    cache = BoardCache(max_age=300, fresh_for=60, clock=lambda: now[0])
    for scope in range(100):
        cache.get(("schools", scope), versions("v1"), lambda _: "old")
    now[0] = 52.5
    recomputed = [scope for scope in range(100)
                  if cache.get(("schools", scope), versions("v2"), lambda _: "new") == "new"]
    assert 0 < len(recomputed) < 100  # spread over 45-60 s: some are due, the others not yet


def test_one_computation_of_a_board_serves_every_measure(client, region, computed):
    boards = {measure: client.get(f"/api/v1/leaderboards/municipalities?measure={measure}").get_json()["rows"]
              for measure in leaderboards.MEASURES}
    assert len(computed) == 1
    for measure, field in (("xp", "total_xp"), ("agents", "cyber_agents"), ("missions", "missions_per_agent")):
        ranked = [row[field] for row in boards[measure] if row["rank"] is not None]
        assert ranked == sorted(ranked, reverse=True), measure  # each measure still ranks by itself
    assert [row["name"] for row in boards["xp"]] != [row["name"] for row in boards["agents"]]


def test_while_a_board_is_recomputed_other_screens_get_the_one_they_had():
    now = [0.0]
    cache = BoardCache(max_age=300, fresh_for=0, clock=lambda: now[0])
    cache.get(("schools", 1), versions("v1"), lambda _: "old")
    started, finish = threading.Event(), threading.Event()

    def slow(_) -> str:
        started.set()
        finish.wait(timeout=10)
        return "new"

    recomputing = threading.Thread(target=lambda: cache.get(("schools", 1), versions("v2"), slow))
    recomputing.start()
    assert started.wait(timeout=10)
    assert cache.get(("schools", 1), versions("v2"), lambda _: "computed twice") == "old"
    finish.set()
    recomputing.join(timeout=10)
    assert cache.get(("schools", 1), versions("v2"), lambda _: "computed twice") == "new"


def test_a_watched_board_is_recomputed_in_the_background_and_an_unwatched_one_in_the_view():
    now, jobs = [0.0], []
    cache = BoardCache(max_age=300, fresh_for=60, clock=lambda: now[0], later=jobs.append)
    cache.get(("schools", 1), versions("v1"), lambda _: "old")
    now[0] = 61.0
    # the view does not wait, and one refresh runs at a time
    assert cache.get(("schools", 1), versions("v2"), lambda _: "new") == "old" and len(jobs) == 1
    assert cache.get(("schools", 1), versions("v2"), lambda _: "twice") == "old" and len(jobs) == 1
    jobs.pop()(None)
    assert cache.get(("schools", 1), versions("v3"), lambda _: "too soon") == "new"
    now[0] = 61.0 + 121  # nobody looked for over twice the interval: figures that old are not shown
    assert cache.get(("schools", 1), versions("v4"), lambda _: "in the view") == "in the view" and not jobs


def test_a_process_without_a_board_of_its_own_shows_the_shared_one_while_it_is_refreshed():
    now, jobs, stored = [0.0], [], {}

    class Shared:
        def load(self, key):
            return stored.get(key)

        def save(self, key, entry):
            stored[key] = entry

    first = BoardCache(max_age=300, fresh_for=60, clock=lambda: now[0], later=jobs.append)
    first.get(("schools", 1), versions("v1"), lambda _: "old", shared=lambda _: Shared())
    now[0] = 70.0
    other = BoardCache(max_age=300, fresh_for=60, clock=lambda: now[0], later=jobs.append)
    assert other.get(("schools", 1), versions("v2"), lambda _: "new", shared=lambda _: Shared()) == "old"
    assert len(jobs) == 1
    jobs.pop()(None)
    assert stored[("schools", 1)].value == "new"
    assert other.get(("schools", 1), versions("v2"), lambda _: "twice", shared=lambda _: Shared()) == "new"
    now[0] = 150.0  # the first process's own board is too old to show; the one the other process stored is not
    assert first.get(("schools", 1), versions("v3"), lambda _: "newest", shared=lambda _: Shared()) == "new"
    jobs.pop()(None)
    assert first.get(("schools", 1), versions("v3"), lambda _: "twice", shared=lambda _: Shared()) == "newest"


def test_a_failed_background_refresh_leaves_the_board_to_the_next_view():
    now = [0.0]

    def refuse(job) -> None:
        raise RuntimeError("no thread left")

    cache = BoardCache(max_age=300, fresh_for=60, clock=lambda: now[0], later=refuse)
    cache.get(("schools", 1), versions("v1"), lambda _: "old")
    now[0] = 61.0
    with pytest.raises(RuntimeError):
        cache.get(("schools", 1), versions("v2"), lambda _: "new")
    cache.later = None
    assert cache.get(("schools", 1), versions("v2"), lambda _: "new") == "new"  # not left marked as being recomputed


def test_a_board_view_returns_at_once_while_a_thread_of_the_app_recomputes_it(app, client, region, world, computed):
    """The real background thread, with a session of its own, on the test database."""
    now = [1000.0]
    app.extensions["cyberquest.boards"] = BoardCache(fresh_for=60, clock=lambda: now[0], later=BackgroundJobs(app))
    beek_schools = f"/api/v1/leaderboards/municipalities/{region['Beek']}/schools"

    def beek_xp() -> int:
        return sum(row["total_xp"] for row in client.get(beek_schools).get_json()["rows"])

    before = beek_xp()
    with app.app_context():
        beek_agent = db.session.scalars(select(Agent.id).join(SchoolClass).join(School)
                                        .where(School.municipality_id == region["Beek"])).first()
        play.award(db.session, beek_agent, world.season_id, "mission", "alle-soorten", "extra", 7)
        db.session.commit()
    now[0] += 61
    assert beek_xp() == before  # the view had the board it had, and started its refresh
    deadline = time.monotonic() + 10
    while beek_xp() == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert beek_xp() == before + 7 and len(computed) == 2


def test_a_board_computed_by_one_worker_process_is_used_by_the_others(app, client, region, world, computed):
    """Each process has its own cache; the snapshot in the database spares the others the computation until the
    board's figures change."""
    beek_schools = f"/api/v1/leaderboards/municipalities/{region['Beek']}/schools"
    first = client.get(beek_schools).get_json()
    app.extensions["cyberquest.boards"] = BoardCache()  # another worker process, with a cache of its own
    assert client.get(beek_schools).get_json() == first and len(computed) == 1
    with app.app_context():
        stored = db.session.scalars(select(BoardSnapshot.rows)).all()
        names = db.session.scalars(select(Agent.agent_name)).all()
    assert stored and not [name for name in names if any(name in rows for rows in stored)]  # places, not children
    with app.app_context():
        beek_agent = db.session.scalars(select(Agent.id).join(SchoolClass).join(School)
                                        .where(School.municipality_id == region["Beek"])).first()
        play.award(db.session, beek_agent, world.season_id, "mission", "alle-soorten", "extra", 7)
        db.session.commit()
    app.extensions["cyberquest.boards"] = BoardCache()  # a third process: the snapshot is behind, so it computes
    after = client.get(beek_schools).get_json()
    assert len(computed) == 2
    assert sum(row["total_xp"] for row in after["rows"]) == sum(row["total_xp"] for row in first["rows"]) + 7

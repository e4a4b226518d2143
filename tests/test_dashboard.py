"""The coordinator's dashboard: key figures, chart series with a table alternative, the council PDF."""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import DateTime, bindparam, select

from cyberquest.extensions import db
from cyberquest.models import (ActiveWeek, Agent, BoardSnapshot, Learner, LessonProgress, MissionProgress,
                               Municipality, Season, StepResult, XpEntry, utcnow)
from cyberquest.services import badges, charts, dashboard
from cyberquest.services.board_cache import BoardCache
from cyberquest.services.sql_weeks import WeekOf

from .factories import make_agent
from .pdf_text import pdf_text


def _seed(app, world):
    with app.app_context():
        agents = [make_agent(db.session, world.class_id, f"Agent {n}") for n in range(3)]
        for agent in agents[:2]:
            db.session.add(XpEntry(agent_id=agent.id, season_id=world.season_id, source_type="mission",
                                   source_id="m", step_key="s", xp=10, created_at=utcnow()))
            badges.record_activity(db.session, agent, date.today())
        learner = db.session.get(Learner, world.learner_id)
        store = app.extensions["cyberquest.content"]
        for lesson in store.pack.courses["veilig-appen"].lessons:
            db.session.add(LessonProgress(learner_id=learner.id, course_id="veilig-appen", lesson_id=lesson.id,
                                          position=len(lesson.steps), finished_at=utcnow()))
        db.session.commit()


def test_key_figures_and_series_of_one_municipality(app, world):
    _seed(app, world)
    with app.app_context():
        municipality = db.session.get(Municipality, world.maastricht_id)
        season = db.session.get(Season, world.season_id)
        result = dashboard.load(db.session, app.extensions["cyberquest.content"].pack, municipality, season,
                                date.today())
    assert result.figures == {"agents": 4, "active_this_month": 2, "missions_completed": 0, "cyber_agents": 0,
                              "learners": 1, "courses_completed": 1}
    assert sum(count for _week, count in result.weekly_active) == 2
    assert ("Basisschool De Regenboog", 2) in result.per_school
    assert result.per_library == [("Bibliotheek Maastricht", 1)]


@pytest.mark.parametrize("first_day", [date(2026, 12, 21), date(2027, 3, 22)])  # a new year; summer time
def test_the_database_puts_every_moment_in_the_week_of_its_monday(app, first_day):
    moments = [datetime.combine(first_day + timedelta(days=n), moment) for n in range(15)
               for moment in (time(0, 0), time(12, 30), time(23, 59, 59, 999999))]
    with app.app_context():
        weeks = [db.session.scalar(select(WeekOf(bindparam("moment", type_=DateTime))), {"moment": moment})
                 for moment in moments]
    assert weeks == [badges.monday_of(moment.date()) for moment in moments]


def test_weekly_series_count_an_agent_once_per_week_and_a_mission_in_the_week_it_was_finished(app, world):
    """Answers and recorded weeks overlap; moments on the edge of a week (Sunday night, Monday just after
    midnight) fall in their own week."""
    with app.app_context():
        season = db.session.get(Season, world.season_id)
        week = [badges.monday_of(season.starts_on) + timedelta(weeks=n) for n in range(1, 4)]
        a, b, c = (make_agent(db.session, world.class_id, f"Agent {n}").id for n in range(3))
        answers = [(a, datetime.combine(week[1], time()) - timedelta(minutes=30)),  # Sunday night: week 0
                   (a, datetime.combine(week[1], time(0, 10))),
                   (b, datetime.combine(week[1] + timedelta(days=1), time(10))),
                   (b, datetime.combine(week[1] + timedelta(days=6), time(23, 59)))]
        db.session.add_all(StepResult(agent_id=agent, season_id=season.id, mission_id="hoi-mam", step_key=f"s{n}",
                                      tries=1, hint_used=False, solved_at=moment, answered_at=moment)
                           for n, (agent, moment) in enumerate(answers))
        db.session.add_all([ActiveWeek(agent_id=a, week_of=week[1]), ActiveWeek(agent_id=c, week_of=week[2])])
        finished = [(a, "hoi-mam", datetime.combine(week[2], time()) - timedelta(microseconds=1)),
                    (b, "hoi-mam", datetime.combine(week[2], time())), (c, "nep-webshop", None)]
        db.session.add_all(MissionProgress(agent_id=agent, season_id=season.id, mission_id=mission, position=3,
                                           started_at=datetime.combine(week[0], time(9)), finished_at=moment)
                           for agent, mission, moment in finished)
        db.session.commit()
        today = week[2] + timedelta(days=2)
        result = dashboard.load(db.session, app.extensions["cyberquest.content"].pack,
                                db.session.get(Municipality, world.maastricht_id), season, today)
    active, missions = dict(result.weekly_active), dict(result.weekly_missions)
    assert [active[monday] for monday in week] == [1, 2, 1]
    assert [missions[monday] for monday in week] == [0, 1, 1]
    assert result.figures["missions_completed"] == 2
    month_start = datetime.combine(today.replace(day=1), time())
    assert result.figures["active_this_month"] == len({agent for agent, moment in answers if moment >= month_start})


def test_charts_carry_a_title_and_a_description():
    svg = charts.bar_chart("Actieve agenten per school", "Staafdiagram", [("A", 3), ("B & C", 0)], "c1")
    assert 'role="img"' in svg and "<title id=\"c1-title\">Actieve agenten per school</title>" in svg
    assert "B &amp; C" in svg and "<script" not in svg
    assert charts.line_chart("Per week", "Lijn", [], "c2").startswith("<svg")


def test_the_coordinator_sees_the_dashboard_and_prints_the_summary(app, client, auth, world, tmp_path):
    _seed(app, world)
    auth.staff("coordinator@maastricht.example.nl")
    page = client.get(f"/gemeente/{world.maastricht_id}").get_data(as_text=True)
    assert "Kengetallen" in page and page.count("<svg") >= 4 and "Toon de getallen" in page
    assert "Agent 0" not in page  # counts only
    summary = pdf_text(client.get(f"/gemeente/{world.maastricht_id}/samenvatting.pdf").get_data(), tmp_path)
    assert "CyberQuest in Maastricht" in summary and "Basisschool De Regenboog" in summary
    assert client.get(f"/gemeente/{world.heerlen_id}/samenvatting.pdf").status_code == 403


def test_a_dashboard_computed_by_one_worker_process_is_used_by_the_others(app, client, auth, world, monkeypatch):
    """Shared through board_snapshots like the boards: the same figures, and only counts and place names stored."""
    _seed(app, world)
    auth.staff("coordinator@maastricht.example.nl")
    loads, original = [], dashboard.load
    monkeypatch.setattr(dashboard, "load", lambda *args: loads.append(1) or original(*args))

    def page() -> str:
        return re.sub(r'name="csrf_token" value="[^"]*"', "", client.get(f"/gemeente/{world.maastricht_id}").get_data(
            as_text=True))  # a token is signed with the time

    first = page()
    app.extensions["cyberquest.boards"] = BoardCache()  # another worker process, with a cache of its own
    assert page() == first and len(loads) == 1
    with app.app_context():
        stored = db.session.scalars(select(BoardSnapshot.rows).where(BoardSnapshot.key.like('["dashboard"%'))).all()
        names = db.session.scalars(select(Agent.agent_name)).all()
    assert len(stored) == 1 and "Basisschool De Regenboog" in stored[0]
    assert not [name for name in names if name in stored[0]]

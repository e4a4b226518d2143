"""The coordinator's dashboard: key figures, chart series with a table alternative, the council PDF."""
from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from cyberquest.extensions import db
from cyberquest.models import (Agent, BoardSnapshot, Learner, LessonProgress, Municipality, Season, XpEntry,
                               utcnow)
from cyberquest.services import badges, charts, dashboard
from cyberquest.services.board_cache import BoardCache

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

"""Reference data, the demo region, idempotent seeding, and refusal on an unmigrated database."""
from __future__ import annotations

import json
from collections import Counter

from sqlalchemy import func, select

from cyberquest import create_app
from cyberquest.extensions import db
from cyberquest.models import (Agent, Ceremony, CourseGroup, Learner, LessonProgress, Library, MissionProgress,
                               Municipality, School, SchoolClass, Season, StaffUser, XpEntry)
from cyberquest.services import play

MODELS = (Municipality, School, Library, StaffUser, SchoolClass, CourseGroup, Agent, Learner, Season,
          MissionProgress, XpEntry, LessonProgress)


def _counts(app) -> dict[str, int]:
    with app.app_context():
        return {model.__name__: db.session.scalar(select(func.count()).select_from(model)) for model in MODELS}


def test_reference_has_limburgs_31_municipalities(app, runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        municipalities = list(db.session.scalars(select(Municipality)))
    assert len(municipalities) == 31
    assert Counter(m.region_part for m in municipalities) == {"Zuid": 16, "Midden": 7, "Noord": 8}
    joined = {m.name for m in municipalities if m.joined_on}
    assert {"Beek", "Sittard-Geleen", "Weert"} <= joined and len(joined) == 17
    assert all(m.children_8_12 > 0 for m in municipalities)


def test_demo_seed_is_idempotent_and_prints_the_logins(app, runner):
    first = runner.invoke(args=["seed", "--demo"])
    assert first.exit_code == 0, first.output
    assert "Snelle Vos" in first.output and "DEMOBIB" in first.output
    after_first = _counts(app)
    assert after_first["Agent"] > 100 and after_first["Season"] == 2
    assert after_first["XpEntry"] > 100 and after_first["MissionProgress"] > 50
    assert after_first["LessonProgress"] >= 8  # every demo senior has started the test course
    second = runner.invoke(args=["seed", "--demo"])
    assert second.exit_code == 0
    assert _counts(app) == after_first


def test_if_empty_leaves_a_real_database_alone(app, runner, world):
    before = _counts(app)
    result = runner.invoke(args=["seed", "--demo", "--if-empty"])
    assert "demo data not added" in result.output
    assert _counts(app) == before


def test_demo_logins_work(client, auth, runner):
    runner.invoke(args=["seed", "--demo"])
    for email, home in (("admin@example.org", "/beheer/"), ("coordinator@example.org", "/gemeente/"),
                        ("teacher@example.org", "/leerkracht/"), ("trainer@example.org", "/begeleider/")):
        response = auth.staff(email, "cyberquest-demo")
        assert response.headers["Location"] == home, email
        auth.sign_out()
    assert auth.agent("DEMO7B", "Snelle Vos", "1234").headers["Location"] == "/agent/"
    auth.sign_out()
    assert auth.learner("DEMOBIB", "Annie", "1234").headers["Location"] == "/cursist/"


def test_demo_teacher_sees_groep_7b(client, auth, runner):
    runner.invoke(args=["seed", "--demo"])
    auth.staff("teacher@example.org", "cyberquest-demo")
    page = client.get("/leerkracht/").get_data(as_text=True)
    assert "Groep 7B" in page


def test_seeding_an_unmigrated_database_is_refused(tmp_path):
    app = create_app({"ENV": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'empty.sqlite'}"})
    result = app.test_cli_runner().invoke(args=["seed", "--demo"])
    assert result.exit_code == 1
    assert "db upgrade" in result.output


def test_demo_progress_is_scored_by_the_rules(app, runner):
    runner.invoke(args=["seed", "--demo"])
    with app.app_context():
        agent = db.session.scalars(select(Agent).join(SchoolClass).where(
            Agent.agent_name == "Snelle Vos", SchoolClass.class_code == "DEMO7B")).one()  # names repeat across classes
        season = db.session.scalars(select(Season).order_by(Season.starts_on.desc())).first()
        done = [p for p in play.progress_by_mission(db.session, agent.id, season.id).values() if p.finished_at]
        xp, _total = play.mission_and_total_xp(db.session, agent.id, season.id,
                                               app.extensions["cyberquest.content"].pack.missions["alle-soorten"])
    assert done  # the demo agent has finished missions to show
    assert xp in {155, 160}  # 6 scored steps (one maybe with its hint) + the 100 XP mission bonus


def test_the_demo_has_a_ceremony_whose_pack_is_not_empty(app, runner, tmp_path):
    runner.invoke(args=["seed", "--demo"])
    with app.app_context():
        ceremony = db.session.scalar(select(Ceremony))
        assert ceremony is not None and len(ceremony.municipality_ids) >= 2
        code = ceremony.season.code
    result = runner.invoke(args=["ceremony", "generate", "--season", code, "--out", str(tmp_path / "pack")])
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "pack" / "summary.json").read_text())
    assert summary["totals"]["invited"] >= 5 and summary["totals"]["qualified"] >= summary["totals"]["invited"]
    assert len(summary["municipalities"]) >= 2

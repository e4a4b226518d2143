"""Class quests: played on the smartboard, redeemed by each child with the day's code."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from cyberquest.content import load_content
from cyberquest.content.kinds import default_step_kinds
from cyberquest.extensions import db
from cyberquest.models import Agent, BadgeAward, ClassQuestCode, SchoolClass, XpEntry
from cyberquest.services import class_quests

from .conftest import Auth
from .factories import PIN
from .test_content import VALID_MISSION, modules_root  # noqa: F401

QUESTS = "/leerkracht/klassen/{class_id}/klassenquests"


def _code(client, auth, world) -> str:
    auth.staff("teacher@school.example.nl")
    quest = QUESTS.format(class_id=world.class_id) + "/klassenquest"
    page = client.post(quest + "/code", data={"csrf_token": auth.token(quest)}).get_data(as_text=True)
    return re.search(r'<p class="quest-code">([A-Z0-9]+)</p>', page).group(1)


def _redeem(app, world, typed: str, class_code: str | None = None, name: str = "Snelle Vos"):
    child = app.test_client()
    child_auth = Auth(child)
    child_auth.agent(class_code or world.class_code, name, PIN)
    return child.post("/agent/klassenquest", data={"csrf_token": child_auth.token("/agent/"), "quest_code": typed},
                      follow_redirects=True).get_data(as_text=True)


def _quest_xp(app, agent_id) -> list[int]:
    with app.app_context():
        return db.session.scalars(select(XpEntry.xp).where(XpEntry.agent_id == agent_id,
                                                           XpEntry.source_type == "class_quest")).all()


def test_the_teacher_shows_steps_and_answers_only_when_asked(client, auth, world):
    auth.staff("teacher@school.example.nl")
    base = QUESTS.format(class_id=world.class_id)
    assert "Samen sterk" in client.get(base).get_data(as_text=True)
    question = client.get(base + "/klassenquest?stap=1").get_data(as_text=True)
    assert "Stuur je een kettingbrief door?" in question and "quest-right" not in question
    answer = client.get(base + "/klassenquest?stap=1&antwoord=1").get_data(as_text=True)
    assert re.search(r'class="quest-right">Nee', answer) and "zo stop je de ketting" in answer
    assert client.get(base + "/klassenquest?stap=9").status_code == 404
    assert client.get(base + "/alle-soorten").status_code == 404  # not a class quest


def test_a_child_redeems_the_days_code_once(app, client, auth, world):
    code = _code(client, auth, world)
    assert _code(client, auth, world) == code  # the same code all day
    page = _redeem(app, world, code.lower())
    assert "Klassenquest gedaan: Samen sterk! +80 XP" in page
    assert _quest_xp(app, world.agent_id) == [80]
    assert "al punten voor deze klassenquest" in _redeem(app, world, code)
    assert _quest_xp(app, world.agent_id) == [80]
    with app.app_context():
        assert db.session.scalar(select(BadgeAward.badge_id).where(BadgeAward.badge_id == "t-klassenquest"))


def test_the_code_works_only_in_that_class_and_on_that_day(app, client, auth, world):
    code = _code(client, auth, world)
    assert "Die code werkt niet" in _redeem(app, world, code, world.other_class_code, "Slimme Uil")
    with app.app_context():
        other = db.session.scalar(select(Agent.id).where(Agent.class_id == world.other_class_id))
        row = db.session.scalar(select(ClassQuestCode))
        row.valid_on = date.today() - timedelta(days=1)
        db.session.commit()
    assert _quest_xp(app, other) == []
    assert "Die code werkt niet" in _redeem(app, world, code)
    assert _quest_xp(app, world.agent_id) == []


def test_guessing_codes_is_throttled(app, world):
    pages = [_redeem(app, world, f"RADEN{n}") for n in range(7)]
    assert "Die code werkt niet" in pages[0]
    assert "Te veel foute codes" in pages[-1]


def test_class_quests_are_not_on_the_map_and_not_played_alone(app, world):
    child = app.test_client()
    Auth(child).agent(world.class_code, "Snelle Vos", PIN)
    assert "Samen sterk" not in child.get("/agent/").get_data(as_text=True)
    assert child.get("/agent/missie/klassenquest").status_code == 404


def test_redeeming_under_the_service_and_concurrency_guard(app, world):
    store = app.extensions["cyberquest.content"]
    with app.app_context():
        school_class = db.session.get(SchoolClass, world.class_id)
        code = class_quests.code_for(db.session, school_class, store.pack.missions["klassenquest"], date.today(), None)
        agent = db.session.get(Agent, world.agent_id)
        first = class_quests.redeem(db.session, store.pack, agent, world.season_id, code.code, date.today())
        second = class_quests.redeem(db.session, store.pack, agent, world.season_id, code.code, date.today())
        assert first.error is None and first.xp == 80 and second.error == "already"
        assert db.session.scalar(select(func.count()).select_from(XpEntry)) == 1


@pytest.mark.parametrize("extra, reason", [("core = true\nclass = true\n", "cannot be core"),
                                           ("class = true\n", "cannot have an offline step")])
def test_content_check_refuses_impossible_class_quests(modules_root, extra, reason):  # noqa: F811
    text = VALID_MISSION.format(id="quest").replace("core = true\n", "") + '''
[[steps]]
kind = "offline"
task = { nl = "Doe het thuis.", en = "Do it at home." }
confirm = "teacher"
'''
    if "core" in extra:
        text = text.rsplit("[[steps]]", 1)[0]
    (modules_root / "missions" / "quest.toml").write_text(extra + text, encoding="utf-8")
    pack = load_content(modules_root, default_step_kinds())
    assert any(str(p).startswith("missions/quest.toml: class: ") and reason in str(p) for p in pack.errors), \
        [str(p) for p in pack.errors]


@pytest.mark.parametrize("route", ["", "/klassenquest"])
def test_only_the_classes_teacher_opens_the_quests(client, auth, world, route):
    auth.staff("other.teacher@school.example.nl")
    assert client.get(QUESTS.format(class_id=world.class_id) + route).status_code == 403
    assert client.get(QUESTS.format(class_id=world.other_class_id) + route).status_code == 200

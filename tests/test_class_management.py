"""Class management: assigned missions, notes, closing, colleagues, moving children, the next year."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from cyberquest.extensions import db
from cyberquest.models import Agent, AuditEntry, BadgeAward, SchoolClass, StaffUser, XpEntry, utcnow
from cyberquest.services import class_board, class_management, erasure, play
from cyberquest.services.groups import create_class
from cyberquest.services.seasons import create_season, start_year_of

from seeds.demo_progress import right_answer

from .conftest import Auth
from .factories import PIN, make_agent, make_staff

BASE = "/leerkracht/klassen/{class_id}"


def _post(auth, path: str, data: dict | None = None, page: str | None = None):
    return auth.client.post(path, data={"csrf_token": auth.token(page or path.rsplit("/", 1)[0]), **(data or {})},
                            follow_redirects=True)


def test_assigned_missions_come_first_on_the_childrens_map(app, client, auth, world):
    auth.staff("teacher@school.example.nl")
    manage = BASE.format(class_id=world.class_id) + "/beheer"
    _post(auth, manage + "/missies", {"mission": ["buiten"]}, manage)
    child = app.test_client()
    Auth(child).agent(world.class_code, "Snelle Vos", PIN)
    home = child.get("/agent/").get_data(as_text=True)
    assert "Opdrachten van je leerkracht" in home
    assert home.index("Opdracht buiten") < home.index("Missiekaart")
    assert "Volgende missie: Opdracht buiten" in home
    bad = _post(auth, manage + "/missies", {"mission": ["bestaat-niet"]}, manage).get_data(as_text=True)
    assert "Die missie bestaat niet" in bad


def test_a_closed_class_cannot_sign_in_until_reopened(app, client, auth, world):
    auth.staff("teacher@school.example.nl")
    manage = BASE.format(class_id=world.class_id) + "/beheer"
    _post(auth, manage + "/sluiten", page=manage)
    child = app.test_client()
    refused = Auth(child).agent(world.class_code, "Snelle Vos", PIN)
    assert refused.status_code == 403 and "Je klas is op dit moment gesloten" in refused.get_data(as_text=True)
    _post(auth, manage + "/heropenen", page=manage)
    assert Auth(child).agent(world.class_code, "Snelle Vos", PIN).status_code == 302


def test_a_private_note_is_for_the_classes_teachers_only_and_erased_on_archive(app, client, auth, world):
    detail = BASE.format(class_id=world.class_id) + f"/agenten/{world.agent_id}"
    auth.staff("teacher@school.example.nl")
    assert "Alleen een voornaam" in _post(auth, detail + "/notitie", {"note": "Fenna van Dijk"}, detail) \
        .get_data(as_text=True)
    _post(auth, detail + "/notitie", {"note": "Fenna V."}, detail)
    assert "(Fenna V.)" in client.get(BASE.format(class_id=world.class_id)).get_data(as_text=True)
    auth.sign_out()
    auth.staff("admin@region.example.nl")
    assert "Fenna" not in client.get(BASE.format(class_id=world.class_id)).get_data(as_text=True)
    assert "Fenna" not in client.get(detail).get_data(as_text=True)
    assert _post(auth, detail + "/notitie", {"note": "S."}, detail).status_code == 403
    with app.app_context():
        erasure.archive_season(db.session, db.session.get(SchoolClass, world.class_id).season, None)
        db.session.commit()
        assert db.session.get(Agent, world.agent_id).private_note is None


@pytest.mark.parametrize("typed, ok", [("Sanne", True), ("S.", True), ("Sanne V.", True), ("", True),
                                       ("Sanne Visser", False), ("06-12345678", False)])
def test_what_a_note_may_hold(typed, ok):
    agent = Agent(agent_name="x", name_key="x", pin_hash="x", class_id=1)
    if ok:
        class_management.set_note(agent, typed)
        assert agent.private_note == (typed or None)
    else:
        with pytest.raises(class_management.ManageError):
            class_management.set_note(agent, typed)


def test_a_colleague_is_added_or_takes_over(app, client, auth, world):
    with app.app_context():
        colleague = make_staff(db.session, "collega@school.example.nl", "teacher", school_id=world.school_id).id
        db.session.commit()
    auth.staff("teacher@school.example.nl")
    manage = BASE.format(class_id=world.class_id) + "/beheer"
    _post(auth, manage + "/collega", {"colleague": colleague}, manage)
    other = app.test_client()
    Auth(other).staff("collega@school.example.nl")
    assert other.get(BASE.format(class_id=world.class_id)).status_code == 200
    auth.sign_out()
    Auth(client).staff("collega@school.example.nl")
    _post(auth, manage + "/overdragen", {"colleague": world.teacher_id}, manage)  # not a colleague any more
    with app.app_context():
        teachers = {t.id for t in db.session.get(SchoolClass, world.class_id).teachers}
        outsider = db.session.scalar(select(StaffUser.id).where(StaffUser.email == "other.teacher@school.example.nl"))
    assert teachers == {world.teacher_id, colleague}
    assert _post(auth, manage + "/collega", {"colleague": outsider}, manage).status_code == 200
    with app.app_context():
        assert outsider not in {t.id for t in db.session.get(SchoolClass, world.class_id).teachers}


def test_moving_a_child_keeps_xp_and_refuses_a_taken_name(app, client, auth, world):
    with app.app_context():
        teacher = db.session.get(StaffUser, world.teacher_id)
        season = db.session.get(SchoolClass, world.class_id).season
        target = create_class(db.session, teacher, world.school_id, season, "Groep 7A", code="KLAS7A")
        db.session.add(XpEntry(agent_id=world.agent_id, season_id=season.id, source_type="mission", source_id="m",
                               step_key="s", xp=40))
        make_agent(db.session, target.id, "Dappere Das")
        twin = make_agent(db.session, world.class_id, "Dappere Das").id
        db.session.commit()
        target_id = target.id
    auth.staff("teacher@school.example.nl")
    detail = BASE.format(class_id=world.class_id) + f"/agenten/{world.agent_id}"
    page = _post(auth, detail + "/verplaatsen", {"target": target_id}, detail).get_data(as_text=True)
    assert "Snelle Vos zit nu in Groep 7A" in page
    with app.app_context():
        assert db.session.get(Agent, world.agent_id).class_id == target_id
        assert db.session.scalar(select(XpEntry.agent_id)) == world.agent_id
    twin_page = BASE.format(class_id=world.class_id) + f"/agenten/{twin}"
    refused = _post(auth, twin_page + "/verplaatsen", {"target": target_id}, twin_page).get_data(as_text=True)
    assert "Er zit al een agent met die naam" in refused
    other = _post(auth, twin_page + "/verplaatsen", {"target": world.other_class_id}, twin_page)
    assert other.status_code == 403


def test_the_class_moves_up_a_year_with_its_agents(app, client, auth, world):
    auth.staff("teacher@school.example.nl")
    manage = BASE.format(class_id=world.class_id) + "/beheer"
    assert "Vraag het aan een beheerder" in client.get(manage).get_data(as_text=True)  # no next season yet
    with app.app_context():
        create_season(db.session, start_year_of(date.today()) + 1)
        db.session.commit()
    _post(auth, manage + "/volgend-jaar", {"name": "Groep 8B"}, manage)
    with app.app_context():
        school_class = db.session.get(SchoolClass, world.class_id)
        assert school_class.name == "Groep 8B" and school_class.season.code.startswith(str(start_year_of(date.today()) + 1))
        assert [agent.id for agent in school_class.agents] == [world.agent_id]


@pytest.mark.parametrize("route", ["/beheer"])
def test_only_the_classes_teacher_manages_it(client, auth, world, route):
    auth.staff("other.teacher@school.example.nl")
    assert client.get(BASE.format(class_id=world.class_id) + route).status_code == 403
    token = auth.token(BASE.format(class_id=world.other_class_id))
    assert client.post(BASE.format(class_id=world.class_id) + "/beheer/sluiten",
                       data={"csrf_token": token}).status_code == 403


def test_merging_two_cards_of_one_child(app, client, auth, world):
    store = app.extensions["cyberquest.content"]
    with app.app_context():
        duplicate = make_agent(db.session, world.class_id, "Dubbele Das").id
        mission = store.pack.missions["alle-soorten"]
        for agent_id, steps in ((world.agent_id, 2), (duplicate, len(mission.steps))):
            for step in mission.steps[:steps]:
                if store.kinds[step.kind].scored:
                    play.answer(db.session, store.kinds, agent_id, world.season_id, mission, step.key, right_answer(step))
                else:
                    play.go_on(db.session, store.kinds, agent_id, world.season_id, mission, step.key)
        db.session.add(BadgeAward(agent_id=duplicate, badge_id="t-missie", awarded_at=utcnow()))
        db.session.commit()
        total = db.session.scalar(select(func.sum(XpEntry.xp)).where(XpEntry.agent_id == duplicate))
    auth.staff("teacher@school.example.nl")
    detail = BASE.format(class_id=world.class_id) + f"/agenten/{world.agent_id}"
    refused = _post(auth, detail + "/samenvoegen", {"duplicate": duplicate}, detail).get_data(as_text=True)
    assert "Vink het vakje aan" in refused
    _post(auth, detail + "/samenvoegen", {"duplicate": duplicate, "sure": "y"}, detail)
    with app.app_context():
        assert db.session.get(Agent, duplicate) is None
        progress, _hinted = play.find_progress(db.session, world.agent_id, world.season_id, "alle-soorten")
        assert progress.finished_at is not None  # the card that got further wins
        assert db.session.scalar(select(func.sum(XpEntry.xp)).where(XpEntry.agent_id == world.agent_id)) == total
        assert db.session.scalar(select(BadgeAward.agent_id)) == world.agent_id
        assert db.session.scalar(select(AuditEntry.action)) == "merge_agents"
    with app.app_context():
        stranger = db.session.scalar(select(Agent.id).where(Agent.class_id == world.other_class_id))
    # another class's agent cannot be merged in
    assert _post(auth, detail + "/samenvoegen", {"duplicate": stranger, "sure": "y"}, detail).status_code == 404


@pytest.mark.parametrize("number", [str(2**31), str(2**63), "-1", "0"])
def test_a_number_no_record_can_have_chooses_no_agent_class_or_colleague(app, client, auth, world, number):
    """Found by the fuzzing of tests/test_bad_input.py: 2**63 as the card to merge overflowed the database
    driver (a server error) instead of finding no card."""
    auth.staff("teacher@school.example.nl")
    detail = BASE.format(class_id=world.class_id) + f"/agenten/{world.agent_id}"
    manage = BASE.format(class_id=world.class_id) + "/beheer"
    assert _post(auth, detail + "/samenvoegen", {"duplicate": number, "sure": "y"}, detail).status_code == 404
    assert _post(auth, detail + "/verplaatsen", {"target": number}, detail).status_code == 403
    assert _post(auth, manage + "/collega", {"colleague": number}, manage).status_code == 200
    with app.app_context():
        school_class = db.session.get(SchoolClass, world.class_id)
        assert [t.id for t in school_class.teachers] == [world.teacher_id]
        assert db.session.get(Agent, world.agent_id).class_id == world.class_id


@pytest.mark.parametrize("values, ranks", [([50, 40, 40, 10], [1, 2, 2, 4]), ([5, 5, 5], [1, 1, 1]), ([], [])])
def test_competition_ranking(values, ranks):
    assert class_board.competition_ranks(values) == ranks


def test_the_class_board_shows_classmates_only_and_the_teacher_can_hide_it(app, client, auth, world):
    with app.app_context():
        classmate = make_agent(db.session, world.class_id, "Dappere Das").id
        for agent_id, xp in ((world.agent_id, 30), (classmate, 30)):
            db.session.add(XpEntry(agent_id=agent_id, season_id=world.season_id, source_type="mission",
                                   source_id="m", step_key="s", xp=xp))
        other = db.session.scalar(select(Agent.id).where(Agent.class_id == world.other_class_id))
        db.session.add(XpEntry(agent_id=other, season_id=world.season_id, source_type="mission", source_id="m",
                               step_key="s", xp=99))
        db.session.commit()
    child = app.test_client()
    Auth(child).agent(world.class_code, "Snelle Vos", PIN)
    page = child.get("/agent/klassenbord").get_data(as_text=True)
    assert page.count("<td>1</td>") == 2 and "Dappere Das" in page and "Slimme Uil" not in page
    auth.staff("teacher@school.example.nl")
    manage = BASE.format(class_id=world.class_id) + "/beheer"
    _post(auth, manage + "/bord-verbergen", page=manage)
    hidden = child.get("/agent/klassenbord").get_data(as_text=True)
    assert "Je leerkracht heeft het klassenbord verborgen" in hidden and "Dappere Das" not in hidden
    assert "Erelijst" in hidden


POSTS = ["/beheer/sluiten", "/beheer/heropenen", "/beheer/collega", "/beheer/overdragen", "/beheer/volgend-jaar",
         "/beheer/missies", "/beheer/bord-verbergen", "/beheer/bord-tonen", "/agenten/{agent}/notitie",
         "/agenten/{agent}/verplaatsen", "/agenten/{agent}/samenvoegen", "/agenten/{agent}/toestemming",
         "/agenten/{agent}/toestemming/intrekken", "/agenten/{agent}/offline/buiten", "/agenten/{agent}/wissen",
         "/klassenquests/klassenquest/code"]


@pytest.mark.parametrize("email", ["other.teacher@school.example.nl", "trainer@library.example.nl"])
def test_every_class_action_refuses_anyone_but_the_classes_teachers(app, client, auth, world, email):
    auth.staff(email)
    token = auth.token("/weergave")
    for route in POSTS:
        path = BASE.format(class_id=world.class_id) + route.format(agent=world.agent_id)
        assert client.post(path, data={"csrf_token": token}).status_code == 403, route
    with app.app_context():
        school_class = db.session.get(SchoolClass, world.class_id)
        assert school_class.closed_at is None and not school_class.board_hidden
        assert db.session.get(Agent, world.agent_id) is not None

"""Open Badges 2.0 for learners; trophy rooms, the celebration and the teacher's class overview."""
from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ElementTree

import pytest
from sqlalchemy import func, select

from cyberquest.extensions import db
from cyberquest.models import BadgeAssertion, BadgeAward, Learner, Season, XpEntry, utcnow
from cyberquest.services import erasure

from .conftest import Auth
from .factories import PIN

CONTEXT = "https://w3id.org/openbadges/v2"
# Required properties of the Open Badges 2.0 specification (IMS Global), per class.
REQUIRED = {
    "Assertion": {"@context", "id", "type", "recipient", "badge", "verification", "issuedOn"},
    "BadgeClass": {"@context", "id", "type", "name", "description", "image", "criteria", "issuer"},
    "Issuer": {"@context", "id", "type", "name", "url", "email"},
}
OB_NAMESPACE = "{http://openbadges.org}assertion"


def _award(app, *, learner_id=None, agent_id=None, badge_id="t-cursus") -> None:
    with app.app_context():
        db.session.add(BadgeAward(learner_id=learner_id, agent_id=agent_id, badge_id=badge_id, awarded_at=utcnow()))
        db.session.commit()


def _set_email(app, learner_id: int, email: str | None) -> None:
    with app.app_context():
        db.session.get(Learner, learner_id).email = email
        db.session.commit()


def _check(document: dict, kind: str) -> None:
    assert REQUIRED[kind] <= set(document), REQUIRED[kind] - set(document)
    assert document["@context"] == CONTEXT and document["type"] == kind
    assert document["id"].startswith("http")


def _download(client, auth, world):
    auth.learner(world.group_code, "Annie", PIN)
    return client.get("/cursist/badges/t-cursus/open-badge.svg")


def test_an_earned_badge_downloads_as_a_verifiable_open_badge(app, client, auth, world):
    _award(app, learner_id=world.learner_id)
    _set_email(app, world.learner_id, "Annie.Jansen@Example.nl")
    response = _download(client, auth, world)
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    root = ElementTree.fromstring(response.get_data())
    baked = root.find(OB_NAMESPACE)
    assert baked is not None and root[0] is baked  # the first child of <svg>, as the baking spec asks
    assertion = json.loads(baked.text)
    _check(assertion, "Assertion")
    assert baked.get("verify") == assertion["id"]
    recipient = assertion["recipient"]
    assert recipient["type"] == "email" and recipient["hashed"] is True
    expected = hashlib.sha256(("annie.jansen@example.nl" + recipient["salt"]).encode()).hexdigest()
    assert recipient["identity"] == f"sha256${expected}"
    assert "Annie" not in response.get_data(as_text=True) and "example.nl" not in response.get_data(as_text=True)

    hosted = client.get(assertion["id"].replace("http://localhost", ""))
    assert hosted.status_code == 200 and hosted.get_json() == assertion
    badge_class = client.get(assertion["badge"].replace("http://localhost", "")).get_json()
    _check(badge_class, "BadgeClass")
    issuer = client.get(badge_class["issuer"].replace("http://localhost", "")).get_json()
    _check(issuer, "Issuer")
    assert client.get(badge_class["image"].replace("http://localhost", "")).status_code == 200
    assert client.get(badge_class["criteria"]["id"].replace("http://localhost", "")).status_code == 200


def test_assertion_ids_are_random_and_stable_per_address(app, client, auth, world):
    _award(app, learner_id=world.learner_id)
    _set_email(app, world.learner_id, "annie@example.nl")
    first = _download(client, auth, world)
    again = client.get("/cursist/badges/t-cursus/open-badge.svg")
    token = re.search(r"assertions/([A-Za-z0-9_-]+)\.json", first.get_data(as_text=True)).group(1)
    assert token in again.get_data(as_text=True) and len(token) >= 32
    _set_email(app, world.learner_id, "annie@elders.example.nl")
    changed = client.get("/cursist/badges/t-cursus/open-badge.svg").get_data(as_text=True)
    assert token not in changed
    assert client.get(f"/openbadges/assertions/{token}.json").status_code == 404
    assert client.get("/openbadges/assertions/raden.json").status_code == 404


def test_no_e_mail_no_assertion_and_never_for_children(app, client, auth, world):
    _award(app, learner_id=world.learner_id)
    _award(app, agent_id=world.agent_id, badge_id="t-missie")
    response = _download(client, auth, world)
    assert response.status_code == 302 and response.location.endswith("/cursist/email")
    assert client.get("/cursist/badges/t-een-cursus/open-badge.svg").status_code == 404  # not earned
    with app.app_context():
        assert db.session.scalar(select(BadgeAssertion.id)) is None
    assert client.get("/openbadges/badges/t-missie.json").status_code == 404  # children's badges are not published
    child = app.test_client()
    Auth(child).agent(world.class_code, "Snelle Vos", PIN)
    assert child.get("/cursist/badges/t-cursus/open-badge.svg").status_code == 403


def test_erasing_a_learner_removes_their_hosted_assertions(app, client, auth, world):
    _award(app, learner_id=world.learner_id)
    _set_email(app, world.learner_id, "annie@example.nl")
    page = _download(client, auth, world).get_data(as_text=True)
    url = re.search(r'verify="http://localhost(/openbadges/assertions/[^"]+)"', page).group(1)
    assert client.get(url).status_code == 200
    with app.app_context():
        assert erasure.erase_learner(db.session, world.learner_id)
        db.session.commit()
        assert db.session.scalar(select(BadgeAward.id).where(BadgeAward.learner_id.is_not(None))) is None
    assert client.get(url).status_code == 404


def test_trophy_room_celebration_and_closing_it(app, client, auth, world):
    _award(app, agent_id=world.agent_id, badge_id="t-missie")
    auth.agent(world.class_code, "Snelle Vos", PIN)
    home = client.get("/agent/").get_data(as_text=True)
    assert 'class="celebration"' in home and "Missie klaar" in home
    assert "Nog 250 XP tot Speurder." in home and "1 van de 13 badges" in home
    room = client.get("/agent/badges").get_data(as_text=True)
    assert room.count('class="trophy"') == 1 and room.count('class="trophy trophy-locked"') == 12
    assert "Nog niet verdiend" in room and "Rond twee missies af." in room
    closed = client.post("/badges/gezien", data={"csrf_token": auth.token("/agent/"), "next": "/agent/badges"})
    assert closed.status_code == 302 and closed.location.endswith("/agent/badges")
    assert 'class="celebration"' not in client.get("/agent/").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(BadgeAward.seen_at)) is not None


def test_a_badge_awarded_while_the_agent_plays_is_celebrated_on_the_next_page(app, client, auth, world):
    """Whether badges wait is looked up with the signed-in person on every request, not once per sign-in."""
    auth.agent(world.class_code, "Snelle Vos", PIN)
    assert 'class="celebration"' not in client.get("/agent/").get_data(as_text=True)
    _award(app, agent_id=world.agent_id, badge_id="t-missie")  # e.g. the teacher confirmed an offline task
    assert 'class="celebration"' in client.get("/agent/").get_data(as_text=True)


def test_the_teacher_sees_the_class_badges_and_others_do_not(app, client, auth, world):
    _award(app, agent_id=world.agent_id, badge_id="t-missie")
    auth.staff("teacher@school.example.nl")
    page = client.get(f"/leerkracht/klassen/{world.class_id}").get_data(as_text=True)
    assert "Badges in deze klas" in page and "1 van 1" in page
    auth.sign_out()
    auth.staff("other.teacher@school.example.nl")
    assert client.get(f"/leerkracht/klassen/{world.class_id}").status_code == 403


def _xp(app, agent_id: int, xp: int) -> None:
    with app.app_context():
        season_id = db.session.scalar(select(Season.id))
        db.session.add(XpEntry(agent_id=agent_id, season_id=season_id, source_type="mission", source_id="eerder",
                               step_key="eerder", xp=xp, created_at=utcnow()))
        db.session.commit()


@pytest.mark.parametrize("waiting", [False, True], ids=["none waiting", "one waiting"])
def test_the_page_after_an_answer_celebrates_the_badges_it_brought_and_those_waiting(app, client, auth, world,
                                                                                      waiting):
    """Loaded with no badges waiting, the celebration is what the answer awarded; with some waiting, those too."""
    _xp(app, world.agent_id, 245)  # ten XP short of the rank Speurder, whose badge the right answer brings
    auth.agent(world.class_code, "Snelle Vos", PIN)
    mission = "/agent/missie/alle-soorten"
    token = auth.token(mission)
    client.post(f"{mission}/start", data={"csrf_token": token})
    client.post(f"{mission}/stap/welkom", data={"csrf_token": token})
    if waiting:
        _award(app, agent_id=world.agent_id, badge_id="t-missie")  # e.g. the teacher confirmed a task meanwhile
    page = client.post(f"{mission}/stap/klikken", data={"csrf_token": token, "option": ["1", "2"]})
    celebration = page.get_data(as_text=True).split('class="celebration"', 1)[1].split("</section>", 1)[0]
    assert "Speurder" in celebration
    assert ("Missie klaar" in celebration) is waiting
    assert ("2 nieuwe badges" in celebration) is waiting
    with app.app_context():
        assert db.session.scalar(select(func.count(BadgeAward.id)).where(BadgeAward.seen_at.is_(None))) == 1 + waiting

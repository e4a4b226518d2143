"""Helper codes: a senior confirms that a child helped; expired, reused and guessed codes fail."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from cyberquest.extensions import db
from cyberquest.models import HelperCode, HelperConfirmation, Learner, XpEntry, utcnow

from .conftest import Auth
from .factories import PIN, make_agent

MISSION = "/agent/missie/oma-helpen"


def _senior_code(app, world) -> str:
    client = app.test_client()
    Auth(client).learner(world.group_code, "Annie", PIN)
    page = client.get("/cursist/").get_data(as_text=True)
    return re.search(r'<p class="helper-code">([A-Z0-9]+)</p>', page).group(1)


def _child_enters(auth, code: str):
    client = auth.client
    client.post(f"{MISSION}/start", data={"csrf_token": auth.token(MISSION)})
    client.post(f"{MISSION}/stap/uitleg", data={"csrf_token": auth.token(MISSION)})
    return client.post(f"{MISSION}/stap/samen", data={"csrf_token": auth.token(MISSION), "helper_code": code},
                       follow_redirects=True)


def _offline_xp(app, agent_id) -> int:
    with app.app_context():
        return sum(db.session.scalars(select(XpEntry.xp).where(XpEntry.agent_id == agent_id,
                                                               XpEntry.source_type == "offline")))


def test_the_senior_confirms_and_the_child_gets_the_xp(app, client, auth, world):
    code = _senior_code(app, world)
    auth.agent(world.class_code, "Snelle Vos", PIN)
    page = _child_enters(auth, code.lower()).get_data(as_text=True)
    assert "De code werkt" in page
    assert _offline_xp(app, world.agent_id) == 0  # not before the senior agrees

    senior = app.test_client()
    senior_auth = Auth(senior)
    senior_auth.learner(world.group_code, "Annie", PIN)
    home = senior.get("/cursist/").get_data(as_text=True)
    assert "Help een senior" in home
    confirmation = re.search(r'/cursist/hulp/(\d+)/bevestigen', home).group(1)
    senior.post(f"/cursist/hulp/{confirmation}/bevestigen", data={"csrf_token": senior_auth.token("/cursist/")})
    assert _offline_xp(app, world.agent_id) == 150
    again = senior.post(f"/cursist/hulp/{confirmation}/bevestigen", data={"csrf_token": senior_auth.token("/cursist/")})
    assert again.status_code == 404 and _offline_xp(app, world.agent_id) == 150
    assert "Snelle Vos" not in home  # the senior never learns who the child is


def test_expired_reused_and_full_codes_fail(app, client, auth, world):
    code = _senior_code(app, world)
    with app.app_context():
        for name in ("Kind Een", "Kind Twee", "Kind Drie", "Kind Vier"):
            make_agent(db.session, world.class_id, name)
        db.session.commit()
    for name in ("Kind Een", "Kind Twee", "Kind Drie"):
        child = Auth(app.test_client())
        child.agent(world.class_code, name, PIN)
        assert "De code werkt" in _child_enters(child, code).get_data(as_text=True)
    reused = Auth(app.test_client())
    reused.agent(world.class_code, "Kind Een", PIN)
    assert "al een code gestuurd" in _child_enters(reused, code).get_data(as_text=True)
    fourth = Auth(app.test_client())
    fourth.agent(world.class_code, "Kind Vier", PIN)
    assert "drie kinderen" in _child_enters(fourth, code).get_data(as_text=True)

    with app.app_context():
        for helper_code in db.session.scalars(select(HelperCode)):
            helper_code.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    auth.agent(world.class_code, "Snelle Vos", PIN)
    assert "werkt niet" in _child_enters(auth, code).get_data(as_text=True)


def test_guessing_codes_is_throttled(app, client, auth, world):
    code = _senior_code(app, world)
    auth.agent(world.class_code, "Snelle Vos", PIN)
    for guess in ("AAAAAAAA", "BBBBBBBB", "CCCCCCCC", "DDDDDDDD"):
        assert "werkt niet" in _child_enters(auth, guess).get_data(as_text=True)
    assert "Te veel foute codes" in _child_enters(auth, "EEEEEEEE").get_data(as_text=True)
    assert "Te veel foute codes" in _child_enters(auth, code).get_data(as_text=True)  # even the right one, for now


def test_a_senior_cannot_confirm_for_another_senior(app, client, auth, world):
    code = _senior_code(app, world)
    auth.agent(world.class_code, "Snelle Vos", PIN)
    _child_enters(auth, code)
    with app.app_context():
        other = Learner(group_id=world.group_id, first_name="Bert", name_key="bert",
                        pin_hash=db.session.get(Learner, world.learner_id).pin_hash)
        db.session.add(other)
        db.session.commit()
        confirmation_id = db.session.scalars(select(HelperConfirmation.id)).one()
    bert = Auth(app.test_client())
    bert.learner(world.group_code, "Bert", PIN)
    response = bert.client.post(f"/cursist/hulp/{confirmation_id}/bevestigen", data={"csrf_token": bert.token("/cursist/")})
    assert response.status_code == 404
    assert _offline_xp(app, world.agent_id) == 0

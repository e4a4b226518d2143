"""Sign-in and sign-out for every role, wrong secrets, throttling, CSRF and card tokens."""
from __future__ import annotations

import re
import time

import pytest
from sqlalchemy import select

from cyberquest.extensions import db
from cyberquest.models import Agent, AuditEntry, SignInThrottle
from cyberquest.services.groups import replace_card

from .factories import PIN, make_agent, make_staff

STAFF_HOMES = {
    "teacher@school.example.nl": "/leerkracht/",
    "trainer@library.example.nl": "/begeleider/",
    "coordinator@maastricht.example.nl": "/gemeente/",
    "admin@region.example.nl": "/beheer/",
}


@pytest.mark.parametrize("email", sorted(STAFF_HOMES))
def test_staff_sign_in_and_out(client, auth, world, email):
    response = auth.staff(email)
    assert response.status_code == 302
    assert response.headers["Location"] == STAFF_HOMES[email]
    assert client.get(STAFF_HOMES[email], follow_redirects=True).status_code == 200
    auth.sign_out()
    assert client.get(STAFF_HOMES[email]).status_code == 302  # back to sign-in


def test_agent_signs_in_with_card_and_switches(client, auth, world):
    response = auth.agent("klas7b ", "snelle  vos", PIN)  # case and spaces do not matter
    assert response.headers["Location"] == "/agent/"
    page = client.get("/agent/").get_data(as_text=True)
    assert "Snelle Vos" in page
    switched = auth.sign_out()
    assert switched.headers["Location"] == "/inloggen/agent"  # "switch agent" on a shared tablet
    assert client.get("/agent/").status_code == 302


def test_learner_signs_in_with_card(client, auth, world):
    response = auth.learner(world.group_code, "Annie", PIN)
    assert response.headers["Location"] == "/cursist/"
    assert "Annie" in client.get("/cursist/").get_data(as_text=True)


def test_wrong_pin_is_refused_with_a_message(client, auth, world):
    response = auth.agent(world.class_code, "Snelle Vos", "9999")
    assert response.status_code == 401
    assert "Dat klopt niet" in response.get_data(as_text=True)
    assert client.get("/agent/").status_code == 302


def test_wrong_password_is_refused_with_a_message(auth, world):
    response = auth.staff("teacher@school.example.nl", "not the password at all")
    assert response.status_code == 401
    assert "e-mailadres of het wachtwoord klopt niet" in response.get_data(as_text=True)


def test_unapproved_staff_cannot_sign_in(app, auth, world):
    with app.app_context():
        make_staff(db.session, "waiting@school.example.nl", "teacher", approved=False, school_id=world.school_id)
        db.session.commit()
    response = auth.staff("waiting@school.example.nl")
    assert response.status_code == 403
    assert "wacht op goedkeuring" in response.get_data(as_text=True)


def test_post_without_csrf_token_is_rejected(client, world):
    response = client.post("/inloggen/agent", data={"code": world.class_code, "name": "Snelle Vos", "pin": PIN})
    assert response.status_code == 400
    assert client.get("/agent/").status_code == 302


def test_card_lock_grows_and_the_teacher_can_unlock(app, client, auth, world):
    with app.app_context():
        make_agent(db.session, world.class_id, "Dappere Das")
        db.session.commit()
    for _ in range(2):
        assert auth.agent(world.class_code, "Snelle Vos", "0000").status_code == 401
    third = auth.agent(world.class_code, "Snelle Vos", "0000")
    assert third.status_code == 429
    assert "Te veel foute pogingen" in third.get_data(as_text=True)
    # While locked, even the right PIN is refused.
    assert auth.agent(world.class_code, "Snelle Vos", PIN).status_code == 429
    with app.app_context():
        row = db.session.scalar(select(SignInThrottle).where(SignInThrottle.scope == "card"))
        assert row.failures == 3  # the refused attempt while locked did not count
    # A classmate's card in the same class still works: the lock is per card.
    assert auth.agent(world.class_code, "Dappere Das", PIN).status_code == 302
    auth.sign_out()
    # The teacher unlocks the class from their own page.
    auth.staff("teacher@school.example.nl")
    page = client.get(f"/leerkracht/klassen/{world.class_id}").get_data(as_text=True)
    assert "1 kaart zit op slot" in page
    token = auth.token(f"/leerkracht/klassen/{world.class_id}")
    client.post(f"/leerkracht/klassen/{world.class_id}/ontgrendelen", data={"csrf_token": token})
    auth.sign_out()
    assert auth.agent(world.class_code, "Snelle Vos", PIN).status_code == 302


def test_a_locked_course_card_is_unlocked_by_the_trainer(client, auth, world):
    statuses = [auth.learner(world.group_code, "Annie", "0000").status_code for _ in range(3)]
    assert statuses == [401, 401, 429]
    assert auth.learner(world.group_code, "Annie", PIN).status_code == 429
    auth.staff("trainer@library.example.nl")
    group_page = f"/begeleider/groepen/{world.group_id}"
    client.post(f"{group_page}/ontgrendelen", data={"csrf_token": auth.token(group_page)})
    auth.sign_out()
    assert auth.learner(world.group_code, "Annie", PIN).status_code == 302


def test_staff_account_lock_after_repeated_failures(auth, world):
    statuses = [auth.staff("teacher@school.example.nl", f"wrong password {n}").status_code for n in range(5)]
    assert statuses[:4] == [401] * 4
    assert statuses[4] == 429
    assert auth.staff("teacher@school.example.nl").status_code == 429


def test_the_admin_unlocks_a_locked_staff_account(app, client, auth, world):
    for n in range(5):
        auth.staff("teacher@school.example.nl", f"wrong password {n}")
    assert auth.staff("admin@region.example.nl").status_code == 302
    home = client.get("/beheer/").get_data(as_text=True)
    assert "Geblokkeerde accounts" in home and "teacher@school.example.nl" in home
    assert "coordinator@maastricht.example.nl" not in home.split("Geblokkeerde accounts")[1]
    unlocked = client.post(f"/beheer/accounts/{world.teacher_id}/ontgrendelen", data={"csrf_token": auth.token("/beheer/")})
    assert unlocked.status_code == 302
    assert "Er is geen account geblokkeerd." in client.get("/beheer/").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(AuditEntry.subject).where(AuditEntry.action == "unlock_staff")).all() == [
            f"staff:{world.teacher_id}"]
    auth.sign_out()
    assert auth.staff("teacher@school.example.nl").status_code == 302


def test_qr_token_signs_in_and_a_new_pin_revokes_it(app, client, auth, world):
    with app.app_context():
        old = replace_card(db.session, db.session.get(Agent, world.agent_id), "fast")
        db.session.commit()
    qr = auth.post("/inloggen/kaart", {"token": old.token})
    assert qr.headers["Location"] == "/agent/"
    assert client.get("/agent/").status_code == 200
    with app.app_context():
        new = replace_card(db.session, db.session.get(Agent, world.agent_id), "fast")
        db.session.commit()
    # The old session, the old token and the old PIN stop working.
    assert client.get("/agent/").status_code == 302
    assert auth.post("/inloggen/kaart", {"token": old.token}).status_code == 401
    if old.pin != new.pin:
        assert auth.agent(world.class_code, "Snelle Vos", old.pin).status_code == 401
    assert auth.agent(world.class_code, "Snelle Vos", new.pin).status_code == 302


def test_teacher_issues_a_new_card_from_the_class_page(client, auth, world):
    auth.staff("teacher@school.example.nl")
    path = f"/leerkracht/klassen/{world.class_id}"
    response = client.post(f"{path}/agenten/{world.agent_id}/nieuwe-kaart", data={"csrf_token": auth.token(path)})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Snelle Vos" in page and "<svg" in page
    new_pin = re.search(r"<dt>Pincode</dt><dd>(\d{4})</dd>", page).group(1)
    auth.sign_out()
    if new_pin != PIN:
        assert auth.agent(world.class_code, "Snelle Vos", PIN).status_code == 401
    assert auth.agent(world.class_code, "Snelle Vos", new_pin).status_code == 302


def test_agents_are_signed_out_after_twenty_idle_minutes(client, auth, world):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    assert client.get("/agent/").status_code == 200
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 19 * 60
    assert client.get("/agent/").status_code == 200  # 19 minutes: still signed in
    with client.session_transaction() as session:
        assert int(time.time()) - session["seen"] < 5  # activity counts again from now
    assert "Set-Cookie" not in client.get("/agent/").headers  # within the minute: the cookie stays as it is
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 21 * 60
    response = client.get("/agent/")
    assert response.headers["Location"] == "/inloggen/agent"
    assert client.get("/agent/").status_code == 302


def test_staff_are_not_signed_out_by_the_agent_idle_rule(client, auth, world):
    auth.staff("teacher@school.example.nl")
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 60 * 60
    assert client.get("/leerkracht/").status_code == 200


def test_teacher_gives_an_agent_a_new_generated_name(app, client, auth, world):
    auth.staff("teacher@school.example.nl")
    path = f"/leerkracht/klassen/{world.class_id}"
    response = client.post(f"{path}/agenten/{world.agent_id}/nieuwe-naam", data={"csrf_token": auth.token(path)})
    assert response.status_code == 302
    with app.app_context():
        new_name = db.session.get(Agent, world.agent_id).agent_name
    assert new_name != "Snelle Vos" and new_name in client.get(path).get_data(as_text=True)
    other = client.post(f"/leerkracht/klassen/{world.other_class_id}/agenten/{world.agent_id}/nieuwe-naam",
                        data={"csrf_token": auth.token(path)})
    assert other.status_code == 403
    auth.sign_out()
    assert auth.agent(world.class_code, new_name, PIN).status_code == 302

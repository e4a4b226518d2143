"""Staff sign-up, approval by admin or coordinator, and display settings that persist."""
from __future__ import annotations

from sqlalchemy import select

from cyberquest.extensions import db
from cyberquest.models import StaffUser

from .conftest import Auth
from .factories import STAFF_PASSWORD


def _sign_up(auth, **fields):
    data = {"name": "Juf Ans", "email": "ans@school.example.nl", "password": STAFF_PASSWORD, "role": "teacher",
            "school_id": "0", "library_id": "0", "municipality_id": "0"}
    data.update(fields)
    return auth.post("/aanmelden", data)


def test_teacher_signs_up_and_the_coordinator_approves(app, client, auth, world):
    response = _sign_up(auth, school_id=str(world.school_id))
    assert response.status_code == 200
    assert "wacht op goedkeuring" in response.get_data(as_text=True)
    assert auth.staff("ans@school.example.nl").status_code == 403  # not yet approved

    # The Heerlen coordinator does not see or approve a Maastricht teacher.
    with app.app_context():
        ans_id = db.session.scalar(select(StaffUser.id).where(StaffUser.email == "ans@school.example.nl"))
    auth.staff("coordinator@heerlen.example.nl")
    assert "ans@school.example.nl" not in client.get(f"/gemeente/{world.heerlen_id}").get_data(as_text=True)
    token = auth.token(f"/gemeente/{world.heerlen_id}")
    assert client.post(f"/aanmeldingen/{ans_id}/goedkeuren", data={"csrf_token": token}).status_code == 403
    auth.sign_out()

    auth.staff("coordinator@maastricht.example.nl")
    page = client.get(f"/gemeente/{world.maastricht_id}").get_data(as_text=True)
    assert "ans@school.example.nl" in page
    token = auth.token(f"/gemeente/{world.maastricht_id}")
    approved = client.post(f"/aanmeldingen/{ans_id}/goedkeuren", data={"csrf_token": token})
    assert approved.status_code == 302
    auth.sign_out()
    assert auth.staff("ans@school.example.nl").headers["Location"] == "/leerkracht/"


def test_admin_refuses_a_sign_up_and_it_is_removed(app, client, auth, world):
    _sign_up(auth, role="trainer", library_id=str(world.library_id), email="bob@library.example.nl")
    with app.app_context():
        bob_id = db.session.scalar(select(StaffUser.id).where(StaffUser.email == "bob@library.example.nl"))
    auth.staff("admin@region.example.nl")
    token = auth.token("/beheer/")
    assert client.post(f"/aanmeldingen/{bob_id}/afwijzen", data={"csrf_token": token}).status_code == 302
    with app.app_context():
        assert db.session.get(StaffUser, bob_id) is None


def test_sign_up_refuses_weak_password_duplicate_email_and_missing_school(auth, world):
    weak = _sign_up(auth, school_id=str(world.school_id), password="wachtwoord1")
    assert weak.status_code == 400 and "te makkelijk te raden" in weak.get_data(as_text=True)
    missing = _sign_up(auth)
    assert missing.status_code == 400 and "Kies je school" in missing.get_data(as_text=True)
    taken = _sign_up(auth, email="teacher@school.example.nl", school_id=str(world.school_id))
    assert taken.status_code == 400 and "Er is al een account" in taken.get_data(as_text=True)


def test_language_switch_persists_for_the_person(app, client, auth, world):
    auth.staff("teacher@school.example.nl")
    assert "Mijn klassen" in client.get("/leerkracht/").get_data(as_text=True)
    auth.post("/taal", {"locale": "en", "next": "/leerkracht/"})
    assert "My classes" in client.get("/leerkracht/").get_data(as_text=True)
    auth.sign_out()
    other_device = app.test_client()  # no cookies: only the account remembers
    Auth(other_device).staff("teacher@school.example.nl")
    assert "My classes" in other_device.get("/leerkracht/").get_data(as_text=True)


def test_text_size_and_contrast_persist_for_the_person(app, auth, world):
    auth.learner(world.group_code, "Annie", "1234")
    auth.post("/weergave", {"text_size": "xlarge", "high_contrast": "y"})
    auth.sign_out()
    other_device = app.test_client()
    Auth(other_device).learner(world.group_code, "Annie", "1234")
    page = other_device.get("/cursist/").get_data(as_text=True)
    assert 'class="text-xlarge high-contrast"' in page


def test_unknown_language_is_refused(client, auth, world):
    response = auth.post("/taal", {"locale": "xx"})
    assert response.status_code == 303

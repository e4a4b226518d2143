"""Admins and coordinators need TOTP; only demo accounts may skip it."""
from __future__ import annotations

import re
import time

import pyotp
from sqlalchemy import select

from cyberquest.extensions import db
from cyberquest.models import StaffUser

from .factories import make_staff


def _enrolment_secret(page: str) -> str:
    return re.search(r'<code class="secret">([A-Z2-7]+)</code>', page).group(1)


def test_real_admin_enrols_then_needs_a_code_every_time(app, client, auth, world):
    with app.app_context():
        make_staff(db.session, "real.admin@region.example.nl", "admin", skip_totp=False)
        db.session.commit()
    first = auth.staff("real.admin@region.example.nl")
    assert first.headers["Location"] == "/inloggen/tweede-stap"
    assert client.get("/beheer/").status_code == 302  # not signed in before the second step
    page = client.get("/inloggen/tweede-stap").get_data(as_text=True)
    secret = _enrolment_secret(page)
    assert "<svg" in page  # QR code for the authenticator app
    wrong = auth.post("/inloggen/tweede-stap", {"code": "000000"})
    assert wrong.status_code == 401
    code = pyotp.TOTP(secret).now()
    assert auth.post("/inloggen/tweede-stap", {"code": code}).headers["Location"] == "/beheer/"
    assert client.get("/beheer/").status_code == 200
    auth.sign_out()

    # Next sign-in: no enrolment page, and the same code cannot be used twice.
    auth.staff("real.admin@region.example.nl")
    again = client.get("/inloggen/tweede-stap").get_data(as_text=True)
    assert 'class="secret"' not in again
    assert auth.post("/inloggen/tweede-stap", {"code": code}).status_code == 401
    next_code = pyotp.TOTP(secret).at(time.time() + 30)  # the next step: one step of drift is allowed
    assert auth.post("/inloggen/tweede-stap", {"code": next_code}).headers["Location"] == "/beheer/"


def test_coordinator_needs_the_second_factor_too(app, auth, world):
    with app.app_context():
        make_staff(db.session, "real.coordinator@maastricht.example.nl", "coordinator", skip_totp=False,
                   municipality_id=world.maastricht_id)
        db.session.commit()
    assert auth.staff("real.coordinator@maastricht.example.nl").headers["Location"] == "/inloggen/tweede-stap"


def test_second_step_without_password_step_goes_back_to_sign_in(client, world):
    response = client.get("/inloggen/tweede-stap")
    assert response.headers["Location"] == "/inloggen/medewerker"


def test_create_admin_makes_an_account_that_needs_totp(app, runner, world):
    result = runner.invoke(args=["create-admin", "chef@region.example.nl", "--password", "een lange zin voor de chef"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        admin = db.session.scalar(select(StaffUser).where(StaffUser.email == "chef@region.example.nl"))
        assert admin.role == "admin" and admin.is_approved and admin.needs_second_factor
    weak = runner.invoke(args=["create-admin", "zwak@region.example.nl", "--password", "kort"])
    assert weak.exit_code == 1
    assert "at least 10 characters" in weak.output


def test_guessing_codes_locks_the_account(app, auth, world):
    with app.app_context():
        make_staff(db.session, "real.admin@region.example.nl", "admin", skip_totp=False)
        db.session.commit()
    auth.staff("real.admin@region.example.nl")
    statuses = [auth.post("/inloggen/tweede-stap", {"code": f"{n:06d}"}).status_code for n in range(5)]
    assert statuses == [401, 401, 401, 401, 429]

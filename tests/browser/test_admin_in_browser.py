"""The admin unlocks a locked staff account by keyboard; axe on the overview with a locked account, on an
expired ceremony pack's page, and on the refusal of a control character."""
from __future__ import annotations

from cyberquest.extensions import db
from cyberquest.services import throttle

from ..test_retention import expired_pack_job
from .conftest import assert_accessible
from .helpers import sign_in_staff


def test_the_admin_unlocks_a_staff_account_by_keyboard(page, app, world):
    with app.app_context():
        for _ in range(5):
            throttle.record_failure(db.session, [("account", "teacher@school.example.nl")])
        db.session.commit()
    sign_in_staff(page, "admin@region.example.nl")
    page.goto("/beheer/")
    locked = page.get_by_role("table", name="Geblokkeerde accounts")
    assert locked.get_by_role("row", name="teacher@school.example.nl").count() == 1
    assert_accessible(page, "overview with a locked account")
    button = locked.get_by_role("button", name="Deblokkeren")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Met dit account kan weer worden ingelogd." in page.content()
    assert page.get_by_text("Er is geen account geblokkeerd.").count() == 1
    assert_accessible(page, "overview after the unlock")


def test_an_expired_pack_and_a_refusal_are_accessible(page, app, world):
    with app.app_context():
        job_id = expired_pack_job(world)
    sign_in_staff(page, "admin@region.example.nl")
    page.goto(f"/beheer/ceremonies/taken/{job_id}")
    assert page.get_by_role("status").inner_text().startswith("Dit pakket is 90 dagen na het maken verwijderd")
    assert_accessible(page, "expired ceremony pack")
    page.goto("/ranglijst?seizoen=2026%01")
    assert "onzichtbaar stuurteken" in page.content()
    assert_accessible(page, "control character refused")

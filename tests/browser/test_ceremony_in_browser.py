"""The admin generates the ceremony pack in Chromium and downloads it; axe on the ceremony pages."""
from __future__ import annotations

from datetime import date, time

from cyberquest.extensions import db
from cyberquest.models import Agent, Season
from cyberquest.services import ceremonies, consent

from ..test_ceremony_pack import _qualify
from .conftest import assert_accessible
from .helpers import sign_in_staff
from .test_play_in_browser import _go


def test_the_admin_generates_and_downloads_the_pack(page, app, world):
    with app.app_context():
        season = db.session.get(Season, world.season_id)
        _qualify(db.session, world.agent_id, season.id)
        consent.record(db.session, db.session.get(Agent, world.agent_id), season.id, "Sanne V.", world.teacher_id)
        ceremony = ceremonies.create(db.session, season, name="Cyber Agents Zuid", held_on=date(2027, 6, 20),
                                     starts_at=time(14, 0), venue_name="Theater", venue_address="Vrijthof 47",
                                     capacity=40, minutes_per_child=1, minutes_per_mayor=5, break_minutes=15,
                                     municipality_ids=[world.maastricht_id])
        db.session.commit()
        ceremony_id = ceremony.id
    sign_in_staff(page, "admin@region.example.nl")
    page.goto(f"/beheer/ceremonies/{ceremony_id}")
    assert page.get_by_role("table", name="Cyber Agents per gemeente").get_by_role("row", name="Maastricht").count() == 1
    assert_accessible(page, "ceremony preview")
    _go(page, page.get_by_role("button", name="Het ceremoniepakket maken"))
    page.get_by_text("Het pakket is klaar.").wait_for(timeout=20_000)
    assert_accessible(page, "ceremony pack ready")
    with page.expect_download() as download:
        page.get_by_role("link", name="Het pakket downloaden (zip)").click()
    assert download.value.suggested_filename == f"ceremonie-{ceremony_id}.zip"

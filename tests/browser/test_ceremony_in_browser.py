"""The admin generates the ceremony pack in Chromium and downloads it; axe on the ceremony pages."""
from __future__ import annotations

import zipfile
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
        ceremony = ceremonies.create(db.session, season, ceremonies.Setup(
            name="Cyber Agents Zuid", held_on=date(2027, 6, 20), starts_at=time(14, 0), venue_name="Theater",
            venue_address="Vrijthof 47", capacity=40, minutes_per_child=1, minutes_per_mayor=5, break_minutes=15,
            municipality_ids=[world.maastricht_id]))
        db.session.commit()
        ceremony_id = ceremony.id
    sign_in_staff(page, "admin@region.example.nl")
    page.goto(f"/beheer/ceremonies/{ceremony_id}")
    assert page.get_by_role("table", name="Cyber Agents per gemeente").get_by_role("row", name="Maastricht").count() == 1
    assert page.get_by_role("button", name="Het ceremoniepakket maken").count() == 0  # no mayor yet
    assert_accessible(page, "ceremony preview")
    page.get_by_label("Burgemeester of vervanger voor Maastricht").fill("W. Burgemeester")
    _go(page, page.get_by_role("button", name="Burgemeesters opslaan"))
    page.get_by_label("Taal van het pakket").select_option("en")
    page.get_by_label("Dit draaiboek bewaren").check()
    assert_accessible(page, "ceremony ready to generate")
    _go(page, page.get_by_role("button", name="Het ceremoniepakket maken"))
    page.get_by_text("Het pakket is klaar.").wait_for(timeout=20_000)
    assert_accessible(page, "ceremony pack ready")
    with page.expect_download() as download:
        page.get_by_role("link", name="Het pakket downloaden (zip)").click()
    assert download.value.suggested_filename == f"ceremonie-{ceremony_id}.zip"
    archive = zipfile.ZipFile(download.value.path())
    assert "Mayor W. Burgemeester" in archive.read("programme.html").decode()
    assert "Sanne V." in archive.read("attendees.csv").decode()
    page.goto(f"/gemeente/{world.maastricht_id}/ceremonie")  # the coordinator's part, as the admin sees it too
    assert page.get_by_role("table", name="Per school: Cyber Agents, toestemming, en kinderen die nog maar één ding "
                                          "missen").count() == 1
    assert_accessible(page, "coordinator's ceremony part")
    page.goto(f"/leerkracht/klassen/{world.class_id}/ceremonie")
    assert page.get_by_role("table", name="Uitgenodigd uit deze klas: wanneer aanwezig zijn").count() == 1
    assert_accessible(page, "teacher's ceremony part")
    page.goto(f"/beheer/ceremonies/{ceremony_id}")
    _go(page, page.get_by_role("link", name="De datum, plaats, tijden of gemeenten wijzigen"))
    assert_accessible(page, "ceremony set-up change")
    page.get_by_label("Begintijd").fill("15:00")
    _go(page, page.get_by_role("button", name="Wijzigingen opslaan"))
    assert page.get_by_text("het bewaarde draaiboek is meegeschoven").count() == 1

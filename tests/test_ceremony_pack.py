"""The ceremony pack from the CLI: consented names only, counts from the ledger, complete files."""
from __future__ import annotations

import io
import json
import os
import re
import time as time_module
import zipfile
from datetime import date, time

from sqlalchemy import select

from cyberquest.extensions import db
from cyberquest.models import Agent, AuditEntry, Ceremony, MissionProgress, Season, XpEntry, utcnow
from cyberquest.services import consent

from .factories import make_agent
from .pdf_text import pdf_text


def _qualify(session, agent_id: int, season_id: int) -> None:
    session.add_all([
        MissionProgress(agent_id=agent_id, season_id=season_id, mission_id="alle-soorten", position=7,
                        finished_at=utcnow()),
        XpEntry(agent_id=agent_id, season_id=season_id, source_type="offline", source_id="buiten",
                step_key="#done", xp=150, created_at=utcnow())])


def _setup(app, world) -> dict:
    with app.app_context():
        season = db.session.get(Season, world.season_id)
        named = db.session.get(Agent, world.agent_id)
        unnamed = make_agent(db.session, world.class_id, "Stille Uil")
        other = db.session.scalar(select(Agent).where(Agent.class_id == world.other_class_id))
        for agent in (named, unnamed, other):
            _qualify(db.session, agent.id, season.id)
        consent.record(db.session, named, season.id, "Sanne V.", world.teacher_id)
        consent.record(db.session, other, season.id, "Daan K.", world.teacher_id)
        db.session.add(Ceremony(season_id=season.id, name="Cyber Agents Zuid-Limburg", held_on=date(2027, 6, 20),
                                starts_at=time(13, 0), venue_name="Theater aan het Vrijthof",
                                venue_address="Vrijthof 47, Maastricht", capacity=40,
                                municipality_ids=[world.maastricht_id, world.heerlen_id],
                                mayors={str(world.maastricht_id): "W. Burgemeester",
                                        str(world.heerlen_id): "R. Roemer"}))
        db.session.commit()
        return {"season": season.code, "unnamed": unnamed.agent_name, "named_agent": named.agent_name}


def test_the_pack_names_consented_children_only_and_counts_everyone(app, runner, world, tmp_path):
    facts = _setup(app, world)
    out = tmp_path / "pack"
    result = runner.invoke(args=["ceremony", "generate", "--season", facts["season"], "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["attendees.csv", "certificates.pdf", "invitations.pdf",
                                                      "programme.html", "programme.pdf", "slides.html",
                                                      "summary.json"]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["totals"] == {"qualified": 3, "consented": 2, "invited": 2, "missions_completed": 6,
                                 "new_cyber_agents": 3}
    assert summary["municipalities"]["Maastricht"] == {"qualified": 2, "consented": 1, "invited": 1,
                                                       "new_cyber_agents": 2}
    certificates = pdf_text((out / "certificates.pdf").read_bytes(), tmp_path)
    assert certificates.count("\f") == 2 and certificates.count("Certificaat Cyber Agent") == 2  # a page each
    assert "Sanne V." in certificates
    assert "W. Burgemeester" in certificates
    texts = [pdf_text((out / name).read_bytes(), tmp_path) for name in ("programme.pdf", "invitations.pdf")]
    assert texts[0].count("\f") == 1 and texts[1].count("\f") == 2 and texts[1].count("Uitnodiging:") == 2
    texts += [(out / name).read_text() for name in ("programme.html", "slides.html", "attendees.csv", "summary.json")]
    for text in [certificates, *texts]:
        assert facts["unnamed"] not in text and facts["named_agent"] not in text  # never agent names, never unconsented
    assert "Sanne V." in (out / "slides.html").read_text() and "Daan K." in (out / "attendees.csv").read_text()
    again = runner.invoke(args=["ceremony", "generate", "--season", facts["season"], "--out", str(out)])
    assert again.exit_code == 1 and "not empty" in again.output
    forced = runner.invoke(args=["ceremony", "generate", "--season", facts["season"], "--out", str(out), "--force"])
    assert forced.exit_code == 0
    assert (out / "summary.json").read_text() == json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True)


def test_without_a_ceremony_the_cli_says_where_to_make_one(app, runner, world, tmp_path):
    with app.app_context():
        code = db.session.get(Season, world.season_id).code
    result = runner.invoke(args=["ceremony", "generate", "--season", code, "--out", str(tmp_path / "x")])
    assert result.exit_code == 1 and "Create one first" in result.output
    assert not (tmp_path / "x").exists()


def test_the_admin_sets_up_a_ceremony_and_downloads_the_pack(app, client, auth, world, tmp_path):
    facts = _setup(app, world)
    auth.staff("admin@region.example.nl")
    page = "/beheer/ceremonies"
    token = auth.token(page)
    form = {"csrf_token": token, "season_id": str(world.season_id), "name": "Cyber Agents Heerlen",
            "held_on": "2027-06-27", "starts_at": "23:30", "venue_name": "Parkstad Limburg Theaters",
            "venue_address": "Burgemeester van Grunsvenplein 145, Heerlen", "capacity": "1",
            "minutes_per_child": "30,0", "minutes_per_mayor": "5", "break_minutes": "10",
            "municipality_ids": [str(world.maastricht_id), str(world.heerlen_id)]}
    created = client.post(page, data=form)
    assert created.status_code == 302
    preview = client.get(created.location).get_data(as_text=True)
    assert "na middernacht" in preview and "Het ceremoniepakket maken" not in preview  # a set-up that cannot work
    with app.app_context():
        ceremony = db.session.scalars(select(Ceremony).order_by(Ceremony.id.desc())).first()
        ceremony.starts_at, ceremony.capacity = time(14, 0), 40
        db.session.commit()
        ceremony_id = ceremony.id
    preview = client.get(f"/beheer/ceremonies/{ceremony_id}").get_data(as_text=True)
    assert "Vul de burgemeester (of vervanger) in van elke gemeente met uitgenodigde kinderen: Heerlen, Maastricht" \
        in preview and "Het ceremoniepakket maken" not in preview
    assert "1 missen alleen een opdracht in het echt" not in preview  # nobody just misses out yet
    with app.app_context():
        near = make_agent(db.session, world.class_id, "Bijna Bever")  # everything but the task in the real world
        db.session.add(MissionProgress(agent_id=near.id, season_id=world.season_id, mission_id="alle-soorten",
                                       position=7, finished_at=utcnow()))
        db.session.commit()
    mayors = {"csrf_token": token, f"mayor_{world.maastricht_id}": "  A.  Vervanger ",
              f"mayor_{world.heerlen_id}": "R. Roemer"}
    assert client.post(f"/beheer/ceremonies/{ceremony_id}/burgemeesters",
                       data={**mayors, f"mayor_{world.heerlen_id}": "x" * 81}).status_code == 400
    assert client.post(f"/beheer/ceremonies/{ceremony_id}/burgemeesters", data=mayors).status_code == 302
    preview = client.get(f"/beheer/ceremonies/{ceremony_id}").get_data(as_text=True)
    assert "Draaiboek" in preview and "Het ceremoniepakket maken" in preview and "A. Vervanger" in preview
    assert "1 missen alleen een opdracht in het echt" in preview
    started = client.post(f"/beheer/ceremonies/{ceremony_id}/genereren",
                          data={"csrf_token": token, "language": "en", "save": "y"})
    status_page = started.location
    for _ in range(100):
        status = client.get(status_page).get_data(as_text=True)
        if "Het pakket is klaar" in status:
            break
        time_module.sleep(0.1)
    assert "Het pakket is klaar" in status
    assert "Dit draaiboek is bewaard" in status
    archive = zipfile.ZipFile(io.BytesIO(client.get(status_page + "/pakket.zip").get_data()))
    assert "certificates.pdf" in archive.namelist() and "summary.json" in archive.namelist()
    assert facts["unnamed"] not in archive.read("attendees.csv").decode()
    assert '<html lang="en">' in archive.read("programme.html").decode()
    certificates = pdf_text(archive.read("certificates.pdf"), tmp_path)
    assert "Mayor A. Vervanger" in certificates and "Mayor R. Roemer" in certificates
    with app.app_context():
        assert db.session.get(Ceremony, ceremony_id).saved_schedule["totals"]["invited"] == 2


def test_the_coordinator_sees_their_municipalitys_part_only(app, client, auth, world):
    _setup(app, world)
    auth.staff("coordinator@maastricht.example.nl")
    page = client.get(f"/gemeente/{world.maastricht_id}/ceremonie").get_data(as_text=True)
    assert "Cyber Agents Zuid-Limburg" in page and "Sanne V." in page and "Daan K." not in page  # Daan is in Heerlen
    assert "2 Cyber Agents, van wie er 1 met toestemming" in page
    with app.app_context():
        near = make_agent(db.session, world.class_id, "Bijna Bever")  # only the core mission is missing
        db.session.add(XpEntry(agent_id=near.id, season_id=world.season_id, source_type="offline", source_id="buiten",
                               step_key="#done", xp=150, created_at=utcnow()))
        db.session.commit()
    page = client.get(f"/gemeente/{world.maastricht_id}/ceremonie").get_data(as_text=True)
    assert '1 missen alleen "Alle soorten"' in page and "Bijna Bever" not in page
    assert client.get(f"/gemeente/{world.heerlen_id}/ceremonie").status_code == 403
    with app.app_context():
        assert db.session.scalar(select(AuditEntry.subject).where(AuditEntry.action == "read_names")) == \
            f"municipality:{world.maastricht_id}"


def test_the_teacher_sees_when_their_invited_children_come(app, client, auth, world):
    _setup(app, world)
    auth.staff("teacher@school.example.nl")
    page = client.get(f"/leerkracht/klassen/{world.class_id}/ceremonie").get_data(as_text=True)
    assert "Cyber Agents Zuid-Limburg" in page and "Uitgenodigd uit deze klas" in page
    row = page[page.index("Uitgenodigd uit deze klas"):]
    assert "Sanne V." in row and "13:00" in row and "13:06" in row and "Daan K." not in row  # Daan: another class


def test_each_ceremony_a_class_is_invited_to_has_its_own_named_table(app, client, auth, world):
    """Two ceremonies for the same municipalities: each table of invited children is named by its own caption
    (a shared id would name both scroll boxes after the first)."""
    _setup(app, world)
    with app.app_context():
        db.session.add(Ceremony(season_id=world.season_id, name="Cyber Agents Heuvelland", held_on=date(2027, 6, 27),
                                starts_at=time(10, 0), venue_name="Cultuurhuis", venue_address="Markt 1, Heerlen",
                                capacity=40, municipality_ids=[world.maastricht_id, world.heerlen_id], mayors={}))
        db.session.commit()
    auth.staff("teacher@school.example.nl")
    page = client.get(f"/leerkracht/klassen/{world.class_id}/ceremonie").get_data(as_text=True)
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    boxes = re.findall(r'role="region" aria-labelledby="(invited-caption-\d+)"', page)
    assert len(boxes) == 2 and all(f'<caption id="{box}">' in page for box in boxes), boxes


def test_a_run_removes_what_a_killed_run_left_next_to_its_folder(app, runner, world, tmp_path):
    """`ceremony generate --out DIR` anywhere: the hidden leftovers of a killed run beside DIR (they may hold
    names) go on the next run once they are a day old; a folder another run may still be writing stays."""
    facts = _setup(app, world)
    old, fresh = tmp_path / ".ceremony-killed", tmp_path / ".ceremony-writing"
    for folder in (old, fresh):
        folder.mkdir()
        (folder / "attendees.csv").write_text("Sanne V.\n")
    two_days_ago = time_module.time() - 2 * 86400
    os.utime(old, (two_days_ago, two_days_ago))
    result = runner.invoke(args=["ceremony", "generate", "--season", facts["season"], "--out", str(tmp_path / "pak")])
    assert result.exit_code == 0, result.output
    assert not old.exists() and fresh.exists() and (tmp_path / "pak" / "attendees.csv").exists()

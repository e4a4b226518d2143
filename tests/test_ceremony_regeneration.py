"""The ceremony pack over time: byte-identical reruns, late qualifications, English, new Cyber Agents,
and the summary's counts against the ledger."""
from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta
from datetime import time as clock

import pytest
from sqlalchemy import func, select

from cyberquest.extensions import db
from cyberquest.models import Agent, Ceremony, CeremonyConsent, MissionProgress, Season, XpEntry
from cyberquest.services import ceremonies, consent
from cyberquest.services.seasons import create_season

from .factories import make_agent
from .pdf_text import pdf_text
from .test_ceremony_pack import _qualify, _setup


def _generate(runner, season: str, out, *extra: str):
    result = runner.invoke(args=["ceremony", "generate", "--season", season, "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_same_input_gives_the_same_bytes(app, runner, world, tmp_path):
    facts = _setup(app, world)
    _generate(runner, facts["season"], tmp_path / "one")
    _generate(runner, facts["season"], tmp_path / "two")
    names = sorted(path.name for path in (tmp_path / "one").iterdir())
    assert len(names) == 7
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_the_pack_in_english(app, runner, world, tmp_path):
    facts = _setup(app, world)
    _generate(runner, facts["season"], tmp_path / "en", "--lang", "en")
    certificates = pdf_text((tmp_path / "en" / "certificates.pdf").read_bytes(), tmp_path)
    assert certificates.count("Cyber Agent certificate") == 2 and "Certificaat" not in certificates
    assert "June 20, 2027" in certificates and "Mayor W. Burgemeester" in certificates
    invitations = pdf_text((tmp_path / "en" / "invitations.pdf").read_bytes(), tmp_path)
    assert "please be there at" in invitations
    programme = (tmp_path / "en" / "programme.html").read_text()
    assert '<html lang="en">' in programme and "Session 1" in programme and "How the running order is made" in programme
    _generate(runner, facts["season"], tmp_path / "nl")
    dutch = (tmp_path / "nl" / "programme.html").read_text()
    assert '<html lang="nl">' in dutch and "Sessie 1" in dutch and "20 juni 2027" in dutch


def test_a_late_qualification_keeps_the_saved_times_and_reports_the_change(app, runner, world, tmp_path):
    facts = _setup(app, world)
    dry = _generate(runner, facts["season"], tmp_path / "dry")
    assert "Dry run" in dry
    with app.app_context():
        assert db.session.scalar(select(Ceremony)).saved_schedule is None  # a dry run changes nothing
    saved = _generate(runner, facts["season"], tmp_path / "first", "--save")
    assert "is saved" in saved
    first = (tmp_path / "first" / "attendees.csv").read_text().splitlines()
    assert [line.split(",")[2:4] for line in first[1:]] == [["Heerlen", "13:00"], ["Maastricht", "13:06"]]
    with app.app_context():
        season = db.session.get(Season, world.season_id)
        for name, shown in (("Late Leeuw", "Lotte L."), ("Vlugge Vink", "Vera V.")):
            late = make_agent(db.session, world.class_id, name)
            _qualify(db.session, late.id, season.id)
            consent.record(db.session, late, season.id, shown, world.teacher_id)
        db.session.commit()
    again = _generate(runner, facts["season"], tmp_path / "second")
    assert "added: 2 from Basisschool De Regenboog (Maastricht), session 1 13:06" in again
    assert "moved" not in again and "removed" not in again
    second = (tmp_path / "second" / "attendees.csv").read_text().splitlines()
    # Maastricht is now the larger one, but Heerlen keeps its saved place and time
    assert [line.split(",")[2:4] for line in second[1:]] == [["Heerlen", "13:00"]] + [["Maastricht", "13:06"]] * 3
    with app.app_context():
        consent.withdraw(db.session, world.agent_id, world.teacher_id)
        db.session.commit()
    third = _generate(runner, facts["season"], tmp_path / "third")
    assert "removed: 1 from Basisschool De Regenboog (Maastricht), was session 1 13:06" in third
    for path in (tmp_path / "third").iterdir():  # a withdrawn consent: the name is in no file any more
        text = pdf_text(path.read_bytes(), tmp_path) if path.suffix == ".pdf" else path.read_text()
        assert "Sanne V." not in text and ("Lotte L." in text or path.name in ("programme.html", "programme.pdf",
                                                                               "summary.json")), path.name


def test_new_cyber_agents_are_those_who_never_qualified_before(app, runner, world, tmp_path):
    facts = _setup(app, world)
    with app.app_context():
        season = db.session.get(Season, world.season_id)
        last_year = create_season(db.session, season.starts_on.year - 1)
        veteran = db.session.get(Agent, world.agent_id)  # Sanne: a Cyber Agent last year too
        db.session.add_all([
            MissionProgress(agent_id=veteran.id, season_id=last_year.id, mission_id="alle-soorten", position=7,
                            finished_at=datetime.combine(last_year.cutoff_on, datetime.min.time())),
            XpEntry(agent_id=veteran.id, season_id=last_year.id, source_type="offline", source_id="buiten",
                    step_key="#done", xp=150, created_at=datetime.combine(last_year.cutoff_on, datetime.min.time()))])
        db.session.commit()
    _generate(runner, facts["season"], tmp_path / "pack")
    summary = json.loads((tmp_path / "pack" / "summary.json").read_text())
    assert summary["totals"]["qualified"] == 3 and summary["totals"]["new_cyber_agents"] == 2
    assert summary["municipalities"]["Maastricht"]["new_cyber_agents"] == 1


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_summary_counts_equal_the_ledger(app, runner, world, tmp_path, seed):
    """Random children qualify or not (some too late); the test counts from the tables itself."""
    facts = _setup(app, world)
    chance = random.Random(seed)
    with app.app_context():
        season = db.session.get(Season, world.season_id)
        cutoff = datetime.combine(season.cutoff_on, datetime.max.time())
        for number in range(40):
            agent = make_agent(db.session, chance.choice([world.class_id, world.other_class_id]), f"Agent {number}")
            moment = cutoff - timedelta(days=3) if chance.random() < 0.8 else cutoff + timedelta(days=2)
            if chance.random() < 0.7:
                db.session.add(MissionProgress(agent_id=agent.id, season_id=season.id, mission_id="alle-soorten",
                                               position=7, finished_at=moment))
            if chance.random() < 0.7:
                db.session.add(XpEntry(agent_id=agent.id, season_id=season.id, source_type="offline",
                                       source_id="buiten", step_key="#done", xp=150, created_at=moment))
            if chance.random() < 0.5:
                consent.record(db.session, agent, season.id, f"Kind {chr(65 + number % 26)}.", world.teacher_id)
        db.session.commit()
        core = set(db.session.scalars(select(MissionProgress.agent_id).where(
            MissionProgress.season_id == season.id, MissionProgress.mission_id == "alle-soorten",
            MissionProgress.finished_at <= cutoff)))
        offline = set(db.session.scalars(select(XpEntry.agent_id).where(
            XpEntry.season_id == season.id, XpEntry.source_type == "offline", XpEntry.created_at <= cutoff)))
        qualified = core & offline
        named = set(db.session.scalars(select(CeremonyConsent.agent_id).where(
            CeremonyConsent.display_name.is_not(None), CeremonyConsent.season_id == season.id))) & qualified
        missions = db.session.scalar(select(func.count()).select_from(MissionProgress).where(
            MissionProgress.season_id == season.id, MissionProgress.finished_at.is_not(None)))
        missions += db.session.scalar(select(func.count()).select_from(XpEntry).where(
            XpEntry.season_id == season.id, XpEntry.source_type == "offline"))
        in_maastricht = set(db.session.scalars(select(Agent.id).where(Agent.class_id == world.class_id)))
    _generate(runner, facts["season"], tmp_path / "pack")
    summary = json.loads((tmp_path / "pack" / "summary.json").read_text())
    assert summary["totals"] == {"qualified": len(qualified), "consented": len(named), "invited": len(named),
                                 "missions_completed": missions, "new_cyber_agents": len(qualified)}
    assert summary["municipalities"]["Maastricht"]["qualified"] == len(qualified & in_maastricht)
    assert summary["municipalities"]["Heerlen"]["consented"] == len(named - in_maastricht)
    attendees = (tmp_path / "pack" / "attendees.csv").read_text().splitlines()
    assert len(attendees) == 1 + len(named)


def test_changing_the_set_up_moves_or_lets_go_of_the_saved_running_order(app, runner, world, tmp_path):
    facts = _setup(app, world)
    _generate(runner, facts["season"], tmp_path / "saved", "--save")
    with app.app_context():
        ceremony = db.session.scalar(select(Ceremony))
        fields = {name: getattr(ceremony, name) for name in ceremonies.Setup.__dataclass_fields__}
        later = ceremonies.Setup(**{**fields, "held_on": date(2027, 6, 27), "starts_at": clock(15, 30)})
        assert ceremonies.update(db.session, ceremony, later) == "saved_schedule_moved"
        starts = [block["start"] for s in ceremony.saved_schedule["sessions"] for block in s["blocks"]]
        assert starts == ["2027-06-27T15:30:00", "2027-06-27T15:36:00"]
        db.session.commit()
    moved = _generate(runner, facts["season"], tmp_path / "moved")
    assert "Nothing changed since the saved running order." in moved  # the times moved along with the start
    with app.app_context():
        ceremony = db.session.scalar(select(Ceremony))
        fields = {name: getattr(ceremony, name) for name in ceremonies.Setup.__dataclass_fields__}
        with pytest.raises(ceremonies.SetupError, match="bad_numbers"):
            ceremonies.update(db.session, ceremony, ceremonies.Setup(**{**fields, "minutes_per_child": 0.05}))
        db.session.rollback()
        ceremony = db.session.scalar(select(Ceremony))
        slower = ceremonies.Setup(**{**fields, "minutes_per_child": 2.5})
        assert ceremonies.update(db.session, ceremony, slower) == "saved_schedule_dropped"
        assert ceremony.saved_schedule is None and ceremony.minutes_per_child == 2.5
        assert ceremony.mayors[str(world.maastricht_id)] == "W. Burgemeester"  # the names typed earlier stay

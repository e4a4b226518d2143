"""The automatic erasures of DESIGN §7: names 60 days after the last ceremony, packs after 90 days, agents
idle for two whole seasons; each written to the audit log with ids only; a second run changes nothing."""
from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from cyberquest.extensions import db
from cyberquest.models import (ActiveWeek, Agent, AuditEntry, Ceremony, CeremonyConsent, CeremonyJob, XpEntry,
                               utcnow)
from cyberquest.services import consent, retention

from .factories import make_agent

LAST_CEREMONY = date(2027, 6, 20)


def _ceremony(season_id: int, held_on: date, municipality_id: int) -> Ceremony:
    ceremony = Ceremony(season_id=season_id, name="Cyber Agents", held_on=held_on, starts_at=time(13, 0),
                        venue_name="Theater", venue_address="Vrijthof 47, Maastricht", capacity=40,
                        municipality_ids=[municipality_id], mayors={})
    db.session.add(ceremony)
    db.session.flush()
    return ceremony


def expired_pack_job(world) -> int:
    """A ceremony whose generated pack retention has deleted; returns the job's id."""
    ceremony = _ceremony(world.season_id, LAST_CEREMONY, world.maastricht_id)
    job = CeremonyJob(ceremony_id=ceremony.id, status="expired", finished_at=utcnow())
    db.session.add(job)
    db.session.commit()
    return job.id


def _named_season(world) -> None:
    """Two ceremonies in the season, a consented name and a private note."""
    agent = db.session.get(Agent, world.agent_id)
    _ceremony(world.season_id, LAST_CEREMONY - timedelta(days=30), world.maastricht_id)
    _ceremony(world.season_id, LAST_CEREMONY, world.maastricht_id)
    consent.record(db.session, agent, world.season_id, "Sanne V.", world.teacher_id)
    agent.private_note = "Sanne"
    db.session.flush()


def _audit() -> list[tuple[str, str]]:
    return [tuple(row) for row in db.session.execute(select(AuditEntry.action, AuditEntry.subject)
                                                     .where(AuditEntry.action.like("retention%")))]


def test_names_and_notes_go_60_days_after_the_seasons_last_ceremony(app, world, tmp_path):
    with app.app_context():
        _named_season(world)
        early = retention.run(db.session, LAST_CEREMONY + timedelta(days=59), tmp_path)
        assert (early.names, early.notes) == (0, 0)
        assert db.session.scalar(select(CeremonyConsent.display_name)) == "Sanne V."
        report = retention.run(db.session, LAST_CEREMONY + timedelta(days=60), tmp_path)
        assert (report.names, report.notes) == (1, 1)
        row = db.session.scalar(select(CeremonyConsent))
        assert row.display_name is None and row.recorded_by_id == world.teacher_id  # who recorded it stays
        assert db.session.get(Agent, world.agent_id).private_note is None
        assert _audit() == [("retention_names", f"season:{world.season_id}:1:1")]
        again = retention.run(db.session, LAST_CEREMONY + timedelta(days=61), tmp_path)
        assert again == retention.RetentionReport() and len(_audit()) == 1


def test_packs_are_deleted_90_days_after_they_were_made(app, world, tmp_path):
    with app.app_context():
        ceremony = _ceremony(world.season_id, LAST_CEREMONY, world.maastricht_id)
        made_on = datetime(2027, 6, 1, 10, 0)
        jobs = {}
        for name in ("old", "new"):
            folder = tmp_path / f"ceremony-{ceremony.id}-{name}"
            folder.mkdir()
            (folder / "certificaten.pdf").write_bytes(b"%PDF names")
            finished = made_on if name == "old" else made_on + timedelta(days=5)
            jobs[name] = CeremonyJob(ceremony_id=ceremony.id, status="done", folder=str(folder), finished_at=finished)
        outside = tmp_path.parent / f"{tmp_path.name}-elsewhere"
        outside.mkdir()
        jobs["outside"] = CeremonyJob(ceremony_id=ceremony.id, status="done", folder=str(outside), finished_at=made_on)
        db.session.add_all(jobs.values())
        db.session.flush()
        report = retention.run(db.session, made_on.date() + timedelta(days=90), tmp_path)
        assert report.packs == 2
        assert not (tmp_path / f"ceremony-{ceremony.id}-old").exists()
        assert (tmp_path / f"ceremony-{ceremony.id}-new" / "certificaten.pdf").exists()
        assert outside.is_dir()  # never deletes outside the packs folder, even when a job points there
        assert [(jobs[name].status, jobs[name].folder) for name in ("old", "outside")] == [("expired", None)] * 2
        assert jobs["new"].status == "done"


def test_the_job_page_says_an_expired_pack_was_deleted(app, client, auth, world):
    with app.app_context():
        job_id = expired_pack_job(world)
    auth.staff("admin@region.example.nl")
    page = client.get(f"/beheer/ceremonies/taken/{job_id}").get_data(as_text=True)
    assert "90 dagen" in page and "http-equiv=\"refresh\"" not in page
    assert client.get(f"/beheer/ceremonies/taken/{job_id}/pakket.zip").status_code == 404


def test_agents_idle_for_two_whole_seasons_are_erased_and_their_xp_stays(app, world, tmp_path):
    today = date(2026, 12, 3)  # season 2026-2027; idle since before 1 August 2024 means two whole seasons
    with app.app_context():
        long_ago = datetime(2023, 9, 1)
        idle = make_agent(db.session, world.class_id, "Oude Das")
        played_last_season = make_agent(db.session, world.class_id, "Snelle Mol")
        signed_in_lately = make_agent(db.session, world.class_id, "Stille Vink")
        for agent in (idle, played_last_season, signed_in_lately):
            agent.created_at = long_ago
        signed_in_lately.last_sign_in_at = datetime(2024, 8, 2)
        db.session.add_all([
            ActiveWeek(agent_id=idle.id, week_of=date(2024, 7, 29)),  # the last week before the limit
            ActiveWeek(agent_id=played_last_season.id, week_of=date(2025, 3, 3)),
            XpEntry(agent_id=idle.id, season_id=world.season_id, source_type="mission", source_id="alle-soorten",
                    step_key="klikken", xp=10, created_at=long_ago)])
        db.session.flush()
        total = db.session.scalar(select(func.sum(XpEntry.xp)))
        report = retention.run(db.session, today, tmp_path)
        assert report.agents == 1
        names = set(db.session.scalars(select(Agent.agent_name).where(Agent.is_placeholder.is_(False))))
        assert "Oude Das" not in names and {"Snelle Mol", "Stille Vink", "Snelle Vos"} <= names
        assert db.session.scalar(select(func.sum(XpEntry.xp))) == total  # held by an anonymous placeholder
        assert ("retention_agents", "count:1") in _audit()
        assert retention.run(db.session, today, tmp_path).agents == 0  # placeholders are never erased


def test_the_command_reports_what_it_erased(app, runner, world):
    with app.app_context():
        _named_season(world)
        db.session.commit()
    result = runner.invoke(args=["retention", "run", "--today", "2027-08-19"])
    assert result.exit_code == 0, result.output
    assert "1 consented names and 1 private notes erased" in result.output and "upgrade backups deleted" in result.output
    assert "Sanne" not in result.output


def test_leftovers_of_killed_runs_go_after_a_day(app, world, tmp_path):
    old, fresh = tmp_path / ".ceremony-abc123", tmp_path / ".ceremony-def456"
    for folder in (old, fresh):
        folder.mkdir()
        (folder / "attendees.csv").write_text("Sanne V.\n")
    two_days_ago = datetime(2027, 6, 18, 12, 0).timestamp()
    os.utime(old, (two_days_ago, two_days_ago))
    os.utime(fresh, (datetime(2027, 6, 20, 9, 0).timestamp(),) * 2)
    with app.app_context():
        assert retention.run(db.session, date(2027, 6, 20), tmp_path).packs == 1
    assert not old.exists() and (fresh / "attendees.csv").exists()


def test_upgrade_backups_go_after_30_days(app, world, tmp_path):
    database = tmp_path / "cyberquest.sqlite"
    old = tmp_path / "cyberquest.before-0015-20261001-101010.sqlite"
    recent = tmp_path / "cyberquest.before-0016-20261120-101010.sqlite"
    other = tmp_path / "elsewhere.before-0015-20261001-101010.sqlite"  # another database's: not ours to delete
    for path in (database, old, recent, other):
        path.write_bytes(b"SQLite format 3\x00")
    os.utime(old, (datetime(2026, 10, 1, 10, 10).timestamp(),) * 2)
    os.utime(other, (datetime(2026, 10, 1, 10, 10).timestamp(),) * 2)
    os.utime(recent, (datetime(2026, 11, 20, 10, 10).timestamp(),) * 2)
    with app.app_context():
        assert retention.run(db.session, date(2026, 12, 3), tmp_path / "packs", database).backups == 1
    assert not old.exists() and recent.exists() and other.exists() and database.exists()

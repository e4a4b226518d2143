"""The automatic erasures of DESIGN §7, run once a day (`flask retention run`, from cron or a timer).

- Consented names and private notes: 60 days after the season's last ceremony.
- Generated ceremony packs: 90 days after they were made; the hidden leftovers of a killed run after a day.
- Copies of a SQLite database made before an upgrade: 30 days after they were made.
- Agent accounts without any activity for two whole seasons: erased like a teacher's erasure (their XP
  stays in the totals through an anonymous placeholder).

Every run can be repeated: what is gone stays gone, and an unchanged day changes nothing. Each erasure
is written to the audit log with ids and counts only.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from ..models import ActiveWeek, Agent, Ceremony, CeremonyJob
from . import audit, erasure
from .seasons import start_year_of

NAMES_KEPT_DAYS = 60
PACKS_KEPT_DAYS = 90
BACKUPS_KEPT_DAYS = 30
INACTIVE_SEASONS = 2


@dataclass(frozen=True)
class RetentionReport:
    names: int = 0
    notes: int = 0
    packs: int = 0
    agents: int = 0
    backups: int = 0


def erase_names_after_ceremonies(session: Session, today: date) -> tuple[int, int]:
    """Names and notes of every season whose last ceremony was at least 60 days ago."""
    last_ceremonies = session.execute(select(Ceremony.season_id, func.max(Ceremony.held_on))
                                      .group_by(Ceremony.season_id)).all()
    names = notes = 0
    for season_id, held_on in last_ceremonies:
        if today < held_on + timedelta(days=NAMES_KEPT_DAYS):
            continue
        erased_names, erased_notes = erasure.erase_season_names(session, season_id)
        if erased_names or erased_notes:
            audit.record(session, None, "retention_names", f"season:{season_id}:{erased_names}:{erased_notes}")
        names, notes = names + erased_names, notes + erased_notes
    return names, notes


def delete_old_packs(session: Session, today: date, packs_root: Path) -> int:
    """Packs made at least 90 days ago: their folder (only inside ``packs_root``) goes, the job says so."""
    made_before = datetime.combine(today - timedelta(days=PACKS_KEPT_DAYS - 1), time.min)  # on the day 90 days ago
    jobs = session.scalars(select(CeremonyJob).where(CeremonyJob.status == "done",
                                                     CeremonyJob.finished_at < made_before))
    root = packs_root.resolve()
    deleted = 0
    for job in jobs:
        folder = Path(job.folder).resolve() if job.folder else None
        if folder is not None and folder.is_relative_to(root) and folder != root:
            shutil.rmtree(folder, ignore_errors=True)
        job.status, job.folder = "expired", None
        audit.record(session, None, "retention_pack", f"ceremony:{job.ceremony_id}:job:{job.id}")
        deleted += 1
    return deleted


def _older_than(paths: list[Path], today: date, days: int) -> list[Path]:
    """The files or folders last changed before the start of the day ``days`` days before ``today``."""
    before = datetime.combine(today - timedelta(days=days), time.min).timestamp()
    return [path for path in paths if path.stat().st_mtime < before]


def delete_leftovers(today: date, packs_root: Path) -> int:
    """Hidden ``.ceremony-*`` folders a killed or failed run left in ``packs_root`` (they may hold names), once
    they are more than a day old: a run still writing one is never that slow."""
    if not packs_root.is_dir():
        return 0
    leftovers = _older_than([path for path in packs_root.glob(".ceremony-*") if path.is_dir()], today, 1)
    for path in leftovers:
        shutil.rmtree(path, ignore_errors=True)
    return len(leftovers)


def delete_old_backups(today: date, database: Path | None) -> int:
    """The copies ``db upgrade`` made of a SQLite database (schema.backup_sqlite), 30 days after they were
    made: they hold everything the database held, names included, and an upgrade is judged within days."""
    if database is None:
        return 0
    old = _older_than(list(database.parent.glob(f"{database.stem}.before-*.sqlite")), today, BACKUPS_KEPT_DAYS)
    for path in old:
        path.unlink(missing_ok=True)
    return len(old)


def inactive_since(today: date) -> date:
    """The start of the season two seasons before today's: nothing since then means two whole seasons idle."""
    return date(start_year_of(today) - INACTIVE_SEASONS, 8, 1)


def erase_inactive_agents(session: Session, today: date) -> int:
    """Agents who neither signed in nor played since ``inactive_since(today)``, and were made before it."""
    since = datetime.combine(inactive_since(today), time.min)
    active = exists().where(ActiveWeek.agent_id == Agent.id, ActiveWeek.week_of >= since.date())
    idle = session.scalars(select(Agent.id).where(
        Agent.is_placeholder.is_(False), Agent.created_at < since,
        (Agent.last_sign_in_at.is_(None)) | (Agent.last_sign_in_at < since), ~active).order_by(Agent.id)).all()
    for agent_id in idle:
        erasure.erase_agent(session, agent_id, None)
    if idle:
        audit.record(session, None, "retention_agents", f"count:{len(idle)}")
    return len(idle)


def run(session: Session, today: date, packs_root: Path, database: Path | None = None) -> RetentionReport:
    """Every erasure of the day; ``database`` is the SQLite file whose upgrade backups to prune, if any."""
    names, notes = erase_names_after_ceremonies(session, today)
    packs = delete_old_packs(session, today, packs_root) + delete_leftovers(today, packs_root)
    agents = erase_inactive_agents(session, today)
    return RetentionReport(names=names, notes=notes, packs=packs, agents=agents,
                           backups=delete_old_backups(today, database))

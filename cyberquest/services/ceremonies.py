"""Setting up a ceremony, and queueing the generation of its pack for the admin's button."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from ..models import Ceremony, CeremonyJob, Municipality, Season


class SetupError(ValueError):
    """A ceremony set-up that cannot work; the message is a short code for the view."""


@dataclass(frozen=True)
class Setup:
    """What the admin types for a ceremony."""

    name: str
    held_on: date
    starts_at: time
    venue_name: str
    venue_address: str
    capacity: int
    minutes_per_child: float
    minutes_per_mayor: int
    break_minutes: int
    municipality_ids: list[int]

    DURATIONS = ("capacity", "minutes_per_child", "minutes_per_mayor", "break_minutes")
    TIMING = ("held_on", "starts_at", *DURATIONS)


def _apply(session: Session, ceremony: Ceremony, season: Season, setup: Setup) -> None:
    if not setup.municipality_ids:
        raise SetupError("no_municipalities")
    if setup.capacity < 1 or min(setup.minutes_per_mayor, setup.break_minutes) < 0 \
            or not 0.1 <= setup.minutes_per_child <= 30:
        raise SetupError("bad_numbers")
    if setup.held_on < season.starts_on:
        raise SetupError("before_season")
    municipalities = [session.get(Municipality, mid) for mid in setup.municipality_ids]
    if None in municipalities:
        raise SetupError("no_municipalities")
    earlier = dict(ceremony.mayors or {})
    ceremony.name, ceremony.venue_name = " ".join(setup.name.split()), setup.venue_name.strip()
    ceremony.venue_address = setup.venue_address.strip()
    for field in Setup.TIMING:
        setattr(ceremony, field, getattr(setup, field))
    ceremony.municipality_ids = sorted(setup.municipality_ids)
    ceremony.mayors = {str(m.id): earlier.get(str(m.id)) or m.mayor_name or "" for m in municipalities}


def create(session: Session, season: Season, setup: Setup) -> Ceremony:
    ceremony = Ceremony(season_id=season.id)
    _apply(session, ceremony, season, setup)
    session.add(ceremony)
    session.flush()
    return ceremony


def update(session: Session, ceremony: Ceremony, setup: Setup) -> str | None:
    """Change the set-up. A saved running order moves along with a new date or start time; when the
    session sizes or durations change its times no longer hold, so it is let go. Says which happened."""
    start = datetime.combine(ceremony.held_on, ceremony.starts_at)
    durations = [getattr(ceremony, field) for field in Setup.DURATIONS]
    _apply(session, ceremony, ceremony.season, setup)
    if not ceremony.saved_schedule:
        return None
    if durations != [getattr(ceremony, field) for field in Setup.DURATIONS]:
        ceremony.saved_schedule = None
        return "saved_schedule_dropped"
    shift = datetime.combine(ceremony.held_on, ceremony.starts_at) - start
    if shift:
        ceremony.saved_schedule = shifted(ceremony.saved_schedule, shift)
        return "saved_schedule_moved"
    return None


def shifted(saved: dict, shift: timedelta) -> dict:
    """The saved running order with every start moved by ``shift``."""
    return {**saved, "sessions": [{**session, "blocks": [
        {**block, "start": (datetime.fromisoformat(block["start"]) + shift).isoformat(timespec="seconds")}
        for block in session["blocks"]]} for session in saved["sessions"]]}


def set_mayors(ceremony: Ceremony, names: dict[int, str]) -> None:
    """Each taking part municipality's mayor or stand-in for this ceremony; empty means the municipality's mayor."""
    if set(names) - set(ceremony.municipality_ids):
        raise SetupError("no_municipalities")
    ceremony.mayors = {str(mid): " ".join(names.get(mid, "").split())[:80] for mid in ceremony.municipality_ids}


def start_job(session: Session, ceremony: Ceremony, *, language: str = "nl", save: bool = False) -> CeremonyJob:
    job = CeremonyJob(ceremony_id=ceremony.id, status="queued", language=language, save=save)
    session.add(job)
    session.flush()
    return job

"""Setting up a ceremony, and queueing the generation of its pack for the admin's button."""
from __future__ import annotations

from datetime import date, time

from sqlalchemy.orm import Session

from ..models import Ceremony, CeremonyJob, Municipality, Season


class SetupError(ValueError):
    """A ceremony set-up that cannot work; the message is a short code for the view."""


def create(session: Session, season: Season, *, name: str, held_on: date, starts_at: time, venue_name: str,
           venue_address: str, capacity: int, minutes_per_child: float, minutes_per_mayor: int, break_minutes: int,
           municipality_ids: list[int]) -> Ceremony:
    if not municipality_ids:
        raise SetupError("no_municipalities")
    if capacity < 1 or min(minutes_per_mayor, break_minutes) < 0 or not 0.1 <= minutes_per_child <= 30:
        raise SetupError("bad_numbers")
    if held_on < season.starts_on:
        raise SetupError("before_season")
    municipalities = [session.get(Municipality, mid) for mid in municipality_ids]
    if None in municipalities:
        raise SetupError("no_municipalities")
    ceremony = Ceremony(season_id=season.id, name=" ".join(name.split()), held_on=held_on, starts_at=starts_at,
                        venue_name=venue_name.strip(), venue_address=venue_address.strip(), capacity=capacity,
                        minutes_per_child=minutes_per_child, minutes_per_mayor=minutes_per_mayor,
                        break_minutes=break_minutes, municipality_ids=sorted(municipality_ids),
                        mayors={str(m.id): m.mayor_name or "" for m in municipalities})
    session.add(ceremony)
    session.flush()
    return ceremony


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

"""Ceremony consent: recorded by a teacher with the name to print, withdrawn at any time (DESIGN §6–§7)."""
from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Agent, CeremonyConsent, utcnow

# First name (letters, parts joined by - or ') and one initial: "Sanne V.", "Zoë-Lynn d." — never a surname.
PRINTED_NAME = re.compile(r"^[^\W\d_]+(?:[-'][^\W\d_]+)* [^\W\d_]\.$")
MAX_LENGTH = 40


def normalise_name(typed: str) -> str | None:
    """The name as it will be printed, or None when it is not a first name and an initial."""
    name = " ".join(typed.split())
    if len(name) > MAX_LENGTH or not PRINTED_NAME.match(name):
        return None
    first, initial = name.rsplit(" ", 1)
    return f"{first[0].upper()}{first[1:]} {initial.upper()}"


def record(session: Session, agent: Agent, season_id: int, typed_name: str, actor_id: int) -> CeremonyConsent:
    """A parent consented; raises ValueError("bad_name") for anything but first name + initial."""
    name = normalise_name(typed_name)
    if name is None:
        raise ValueError("bad_name")
    consent = session.scalar(select(CeremonyConsent).where(CeremonyConsent.agent_id == agent.id))
    if consent is None:
        consent = CeremonyConsent(agent_id=agent.id)
        session.add(consent)
    consent.season_id, consent.display_name = season_id, name
    consent.recorded_by_id, consent.recorded_at = actor_id, utcnow()
    consent.withdrawn_at = consent.withdrawn_by_id = None
    session.flush()
    return consent


def withdraw(session: Session, agent_id: int, actor_id: int) -> bool:
    """The name is removed at once; who recorded and who withdrew, and when, is kept."""
    consent = session.scalar(select(CeremonyConsent).where(CeremonyConsent.agent_id == agent_id))
    if consent is None or consent.withdrawn_at is not None:
        return False
    consent.display_name = None
    consent.withdrawn_at, consent.withdrawn_by_id = utcnow(), actor_id
    session.flush()
    return True


def for_agents(session: Session, agent_ids: list[int]) -> dict[int, CeremonyConsent]:
    if not agent_ids:
        return {}
    rows = session.scalars(select(CeremonyConsent).where(CeremonyConsent.agent_id.in_(agent_ids)))
    return {row.agent_id: row for row in rows}

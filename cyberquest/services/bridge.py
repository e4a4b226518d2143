"""Helper codes: a grandchild's offline mission confirmed from a senior's own account.

A code is valid for 14 days and confirms the missions of up to three children, each child's
mission once. Guessing is throttled per child. The XP comes when the senior agrees.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..content import ContentPack, Mission
from ..models import Agent, HelperCode, HelperConfirmation, utcnow
from . import achievements, throttle
from .names import new_code, normalise_code

VALID_FOR = timedelta(days=14)
MAX_CHILDREN = 3


@dataclass(frozen=True)
class EntryOutcome:
    """``error``: invalid, locked, full, already (None when the code was accepted)."""

    error: str | None = None
    wait_seconds: int = 0


def current_code(session: Session, learner_id: int, now: datetime | None = None) -> HelperCode:
    """The learner's valid code with room for another child, or a new one."""
    now = now or utcnow()
    codes = session.scalars(select(HelperCode).where(HelperCode.learner_id == learner_id,
                                                     HelperCode.expires_at > now).order_by(HelperCode.id.desc()))
    for code in codes:
        if _children(session, code) < MAX_CHILDREN:
            return code
    while True:
        candidate = new_code(8)
        if session.scalar(select(HelperCode.id).where(HelperCode.code == candidate)) is None:
            break
    code = HelperCode(learner_id=learner_id, code=candidate, created_at=now, expires_at=now + VALID_FOR)
    session.add(code)
    session.flush()
    return code


def _children(session: Session, code: HelperCode) -> int:
    return session.scalar(select(func.count(func.distinct(HelperConfirmation.agent_id)))
                          .where(HelperConfirmation.helper_code_id == code.id)) or 0


def enter_code(session: Session, agent_id: int, season_id: int, mission: Mission, typed: str,
               now: datetime | None = None) -> EntryOutcome:
    """A child enters the code a senior showed them, for one offline mission."""
    now = now or utcnow()
    keys = [("helper", f"agent:{agent_id}")]
    wait = throttle.seconds_locked(session, keys, now)
    if wait:
        return EntryOutcome("locked", wait)
    code = session.scalar(select(HelperCode).where(HelperCode.code == normalise_code(typed)))
    if code is None or code.expires_at <= now:
        wait = throttle.record_failure(session, keys, now)
        return EntryOutcome("locked" if wait else "invalid", wait)
    existing = session.scalar(select(HelperConfirmation).filter_by(agent_id=agent_id, season_id=season_id,
                                                                   mission_id=mission.id))
    if existing is not None:
        return EntryOutcome("already")
    known_child = session.scalar(select(HelperConfirmation.id).filter_by(helper_code_id=code.id, agent_id=agent_id))
    if known_child is None and _children(session, code) >= MAX_CHILDREN:
        return EntryOutcome("full")
    session.add(HelperConfirmation(helper_code_id=code.id, agent_id=agent_id, season_id=season_id,
                                   mission_id=mission.id, entered_at=now))
    session.flush()
    return EntryOutcome()


def pending(session: Session, learner_id: int) -> list[HelperConfirmation]:
    """Confirmations waiting for this senior's "yes"."""
    return list(session.scalars(
        select(HelperConfirmation).join(HelperCode, HelperConfirmation.helper_code_id == HelperCode.id)
        .where(HelperCode.learner_id == learner_id, HelperConfirmation.confirmed_at.is_(None))
        .order_by(HelperConfirmation.entered_at)))


def confirm(session: Session, learner_id: int, confirmation_id: int, pack: ContentPack) -> bool:
    """The senior agrees; the child's offline mission earns its XP (once) and its badges."""
    confirmation = session.get(HelperConfirmation, confirmation_id)
    if confirmation is None or confirmation.confirmed_at is not None:
        return False
    code = session.get(HelperCode, confirmation.helper_code_id)
    mission = pack.missions.get(confirmation.mission_id)
    if code is None or code.learner_id != learner_id or mission is None:
        return False
    confirmation.confirmed_at = utcnow()
    session.flush()
    achievements.offline_confirmed(session, pack, session.get(Agent, confirmation.agent_id), confirmation.season_id,
                                   mission)
    return True

"""Class quests: played together on the smartboard, then each child enters the day's code.

A code belongs to one class, one quest and one day. Each child gets the quest's XP once (the
ledger's unique key) and its badges; wrong codes are throttled per child.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..content import ContentPack, Mission
from ..models import Agent, ClassQuestCode, SchoolClass
from . import achievements, throttle
from .names import new_code, normalise_code
from .upsert import InsertUnlessPresent

CODE_LENGTH = 6


def quests(pack: ContentPack) -> list[Mission]:
    return sorted((m for m in pack.missions.values() if m.class_quest), key=lambda m: m.title.nl)


_NEW_CODE = InsertUnlessPresent(ClassQuestCode, ["class_id", "mission_id", "valid_on"])


def code_for(session: Session, school_class: SchoolClass, mission: Mission, today: date,
             actor_id: int | None) -> ClassQuestCode:
    """Today's code for this class and quest: the same one however often the teacher asks."""
    keys = {"class_id": school_class.id, "mission_id": mission.id, "valid_on": today}
    existing = session.scalar(select(ClassQuestCode).filter_by(**keys))
    while existing is None:
        candidate = new_code(CODE_LENGTH)
        if session.scalar(select(ClassQuestCode.id).where(ClassQuestCode.code == candidate)) is None:
            _NEW_CODE(session, {**keys, "code": candidate, "created_by_id": actor_id})
            existing = session.scalar(select(ClassQuestCode).filter_by(**keys))
    return existing


@dataclass(frozen=True)
class Redeemed:
    """``error``: invalid, locked or already (None when the XP was given now)."""

    error: str | None = None
    mission: Mission | None = None
    xp: int = 0
    celebration: achievements.Celebration | None = None
    wait_seconds: int = 0


def redeem(session: Session, pack: ContentPack, agent: Agent, season_id: int, typed: str, today: date) -> Redeemed:
    keys = [("quest", f"agent:{agent.id}")]
    wait = throttle.seconds_locked(session, keys)
    if wait:
        return Redeemed("locked", wait_seconds=wait)
    row = session.scalar(select(ClassQuestCode).where(ClassQuestCode.code == normalise_code(typed)[:20],
                                                      ClassQuestCode.class_id == agent.class_id,
                                                      ClassQuestCode.valid_on == today))
    mission = pack.missions.get(row.mission_id) if row else None
    if mission is None or not mission.class_quest:
        wait = throttle.record_failure(session, keys)
        return Redeemed("locked" if wait else "invalid", wait_seconds=wait)
    xp, celebration = achievements.class_quest_done(session, pack, agent, season_id, mission)
    if not xp and mission.xp:
        return Redeemed("already", mission)
    return Redeemed(None, mission, xp, celebration)

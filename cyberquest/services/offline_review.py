"""Offline missions the teacher confirms: a list of what waits, confirm (XP and badges) or decline."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..content import ContentPack, Mission
from ..models import Agent, MissionProgress, XpEntry
from . import achievements


@dataclass(frozen=True)
class Waiting:
    agent: Agent
    mission: Mission
    progress: MissionProgress


def _teacher_confirms(mission: Mission) -> bool:
    return any(step.kind == "offline" and step.data["confirm"] == "teacher" for step in mission.steps)


def pending(session: Session, pack: ContentPack, season_id: int, agents: list[Agent]) -> list[Waiting]:
    """Finished offline tasks of these agents that the teacher has not confirmed yet."""
    by_id = {agent.id: agent for agent in agents}
    if not by_id:
        return []
    to_confirm = [mission.id for mission in pack.missions.values() if _teacher_confirms(mission)]
    if not to_confirm:
        return []
    confirmed = set(session.execute(select(XpEntry.agent_id, XpEntry.source_id).where(
        XpEntry.agent_id.in_(by_id), XpEntry.season_id == season_id, XpEntry.source_type == "offline")).all())
    rows = session.scalars(select(MissionProgress).where(
        MissionProgress.agent_id.in_(by_id), MissionProgress.season_id == season_id,
        MissionProgress.mission_id.in_(to_confirm), MissionProgress.finished_at.is_not(None))
        .order_by(MissionProgress.finished_at))
    return [Waiting(by_id[row.agent_id], pack.missions[row.mission_id], row) for row in rows
            if (row.agent_id, row.mission_id) not in confirmed]


def _find(session: Session, pack: ContentPack, agent: Agent, season_id: int, mission_id: str) -> Waiting | None:
    return next((item for item in pending(session, pack, season_id, [agent]) if item.mission.id == mission_id), None)


def confirm(session: Session, pack: ContentPack, agent: Agent, season_id: int, mission_id: str) -> bool:
    """The teacher saw the task done: the mission's XP, once, and the badges that follow."""
    waiting = _find(session, pack, agent, season_id, mission_id)
    if waiting is None:
        return False
    achievements.offline_confirmed(session, pack, agent, season_id, waiting.mission)
    return True


def decline(session: Session, pack: ContentPack, agent: Agent, season_id: int, mission_id: str) -> bool:
    """Not done yet: the child sees the task again and can report it once more. No XP."""
    waiting = _find(session, pack, agent, season_id, mission_id)
    if waiting is None:
        return False
    task_position = next(i for i, step in enumerate(waiting.mission.steps) if step.kind == "offline")
    waiting.progress.position = task_position
    waiting.progress.finished_at = None
    session.flush()
    return True

"""Offline missions the teacher confirms: a list of what waits, confirm (XP and badges) or decline."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..content import ContentPack, Mission
from ..models import Agent, MissionProgress, XpEntry
from . import achievements
from .class_progress import ClassProgress, MatrixAgent


@dataclass(frozen=True)
class Waiting:
    agent: MatrixAgent
    mission: Mission


def _teacher_confirms(mission: Mission) -> bool:
    return any(step.kind == "offline" and step.data["confirm"] == "teacher" for step in mission.steps)


def waiting_in(progress: ClassProgress) -> list[Waiting]:
    """Finished offline tasks the teacher has not confirmed yet, oldest first: the matrix read them already."""
    agents = {agent.id: agent for agent in progress.agents}
    missions = {mission.id: mission for mission in progress.missions}
    oldest_first = sorted((since, agent_id, mission_id)
                          for (agent_id, mission_id), since in progress.waiting_since.items())
    return [Waiting(agents[agent_id], missions[mission_id]) for _since, agent_id, mission_id in oldest_first
            if _teacher_confirms(missions[mission_id])]


def _waiting_progress(session: Session, pack: ContentPack, agent: Agent, season_id: int,
                      mission_id: str) -> MissionProgress | None:
    """The progress of a finished offline task of ``agent`` that waits for the teacher, if there is one."""
    mission = pack.missions.get(mission_id)
    if mission is None or not _teacher_confirms(mission):
        return None
    confirmed = session.scalar(select(XpEntry.id).where(
        XpEntry.agent_id == agent.id, XpEntry.season_id == season_id, XpEntry.source_type == "offline",
        XpEntry.source_id == mission_id).limit(1))
    if confirmed is not None:
        return None
    return session.scalar(select(MissionProgress).where(
        MissionProgress.agent_id == agent.id, MissionProgress.season_id == season_id,
        MissionProgress.mission_id == mission_id, MissionProgress.finished_at.is_not(None)))


def confirm(session: Session, pack: ContentPack, agent: Agent, season_id: int, mission_id: str) -> bool:
    """The teacher saw the task done: the mission's XP, once, and the badges that follow."""
    if _waiting_progress(session, pack, agent, season_id, mission_id) is None:
        return False
    achievements.offline_confirmed(session, pack, agent, season_id, pack.missions[mission_id])
    return True


def decline(session: Session, pack: ContentPack, agent: Agent, season_id: int, mission_id: str) -> bool:
    """Not done yet: the child sees the task again and can report it once more. No XP."""
    progress = _waiting_progress(session, pack, agent, season_id, mission_id)
    if progress is None:
        return False
    progress.position = next(i for i, step in enumerate(pack.missions[mission_id].steps) if step.kind == "offline")
    progress.finished_at = None
    session.flush()
    return True

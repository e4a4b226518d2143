"""One child's progress for the teacher: tries per mission and the steps that were hardest."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..content import ContentPack, Mission, Step
from ..models import StepResult


@dataclass(frozen=True)
class Struggle:
    mission: Mission
    step: Step
    tries: int
    solved: bool


@dataclass(frozen=True)
class AgentReport:
    tries_by_mission: dict[str, tuple[int, int]]  # mission id -> (answers given, of which wrong)
    struggles: list[Struggle]  # steps that took more than one try, hardest first


def load(session: Session, pack: ContentPack, agent_id: int, season_id: int, most: int = 5) -> AgentReport:
    tries: dict[str, tuple[int, int]] = {}
    struggles = []
    for row in session.scalars(select(StepResult).where(StepResult.agent_id == agent_id,
                                                        StepResult.season_id == season_id)):
        mission = pack.missions.get(row.mission_id)
        step = next((s for s in mission.steps if s.key == row.step_key), None) if mission else None
        if step is None:
            continue
        wrong = row.tries - (1 if row.solved_at else 0)
        given, wrong_before = tries.get(mission.id, (0, 0))
        tries[mission.id] = (given + row.tries, wrong_before + wrong)
        if wrong > 0:
            struggles.append(Struggle(mission, step, row.tries, row.solved_at is not None))
    struggles.sort(key=lambda s: (-s.tries, s.mission.id))
    return AgentReport(tries, struggles[:most])

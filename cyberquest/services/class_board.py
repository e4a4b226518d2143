"""The class board: agents ranked inside their own class by agent name, and the class's honour roll.

Only classmates see it; the teacher can hide it. Ranking is competition style (1, 2, 2, 4).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..content import ContentPack
from ..models import Agent, SchoolClass, Season, XpEntry
from . import class_progress


@dataclass(frozen=True)
class BoardRow:
    rank: int
    agent_id: int
    agent_name: str
    xp: int


def competition_ranks(values: list[int]) -> list[int]:
    """Ranks for values sorted from high to low: equal values share a rank, the next one skips."""
    ranks = []
    for position, value in enumerate(values):
        ranks.append(ranks[-1] if position and value == values[position - 1] else position + 1)
    return ranks


def board(session: Session, school_class: SchoolClass, season: Season) -> list[BoardRow]:
    """Agents of the class with XP this season, most XP first (one grouped query)."""
    rows = session.execute(
        select(Agent.id, Agent.agent_name, func.sum(XpEntry.xp).label("xp"))
        .join(XpEntry, XpEntry.agent_id == Agent.id)
        .where(Agent.class_id == school_class.id, Agent.is_placeholder.is_(False), XpEntry.season_id == season.id)
        .group_by(Agent.id, Agent.agent_name)).all()
    rows.sort(key=lambda row: (-row.xp, row.agent_name.lower()))
    ranks = competition_ranks([row.xp for row in rows])
    return [BoardRow(rank, row.id, row.agent_name, row.xp) for rank, row in zip(ranks, rows)]


def honour_roll(session: Session, pack: ContentPack, school_class: SchoolClass) -> list[str]:
    """The agent names of the class's Cyber Agents this season (never real names)."""
    progress = class_progress.load(session, pack, school_class.season, school_class.agents)
    return sorted(agent.agent_name for agent in school_class.agents if progress.qualification[agent.id].qualified)

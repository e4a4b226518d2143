"""Which leaderboard figures changed: one version per municipality and season, raised with new XP.

Cached boards compare versions, so new XP refreshes only the boards of that municipality (and
the region's), and a wrong answer, which earns no XP, refreshes nothing.
"""
from __future__ import annotations

from sqlalchemy import Integer, Select, bindparam, select
from sqlalchemy.orm import Session

from ..models import Agent, BoardVersion, School, SchoolClass, Season
from .upsert import IncrementSelected


def _raising(source: Select) -> IncrementSelected:
    """Raise the versions of the (season, municipality) pairs that ``source`` selects."""
    return IncrementSelected(BoardVersion, ["season_id", "municipality_id"], source, "version")


_THE_AGENTS = _raising(select(bindparam("for_season", type_=Integer), School.municipality_id).join(SchoolClass)
                       .join(Agent, Agent.class_id == SchoolClass.id).where(Agent.id == bindparam("for_agent")))
_EVERY_SEASON_OF = _raising(select(Season.id, bindparam("for_municipality", type_=Integer)))


def bump(session: Session, agent_id: int, season_id: int) -> None:
    """The agent's municipality has new XP in the season (every answer that earns XP raises it)."""
    _THE_AGENTS(session, {"for_season": season_id, "for_agent": agent_id})


def bump_municipality(session: Session, municipality_id: int) -> None:
    """The municipality's own figures changed (children, joined date): its boards of every season refresh."""
    _EVERY_SEASON_OF(session, {"for_municipality": municipality_id})


_REGION_VERSIONS = select(BoardVersion.municipality_id, BoardVersion.version).where(
    BoardVersion.season_id == bindparam("season_id"))
_MUNICIPALITY_VERSIONS = _REGION_VERSIONS.where(BoardVersion.municipality_id == bindparam("municipality_id"))


def signature(session: Session, season_id: int, municipality_id: int | None = None) -> tuple:
    """The versions a board depends on: one municipality's, or every municipality's for the region board."""
    if municipality_id is None:
        rows = session.execute(_REGION_VERSIONS, {"season_id": season_id})
    else:
        rows = session.execute(_MUNICIPALITY_VERSIONS, {"season_id": season_id, "municipality_id": municipality_id})
    return tuple(sorted((municipality, version) for municipality, version in rows))

"""Which leaderboard figures changed: one version per municipality and season, raised with new XP.

Cached boards compare versions, so new XP refreshes only the boards of that municipality (and
the region's), and a wrong answer, which earns no XP, refreshes nothing.
"""
from __future__ import annotations

from sqlalchemy import Select, literal, select
from sqlalchemy.orm import Session

from ..models import Agent, BoardVersion, School, SchoolClass, Season
from .upsert import increment_selected


def bump(session: Session, agent_id: int, season_id: int) -> None:
    _raise(session, select(literal(season_id), School.municipality_id).join(SchoolClass)
           .join(Agent, Agent.class_id == SchoolClass.id).where(Agent.id == agent_id))


def bump_municipality(session: Session, municipality_id: int) -> None:
    """The municipality's own figures changed (children, joined date): its boards of every season refresh."""
    _raise(session, select(Season.id, literal(municipality_id)))


def _raise(session: Session, source: Select) -> None:
    """Raise the versions of the (season, municipality) pairs that ``source`` selects."""
    increment_selected(session, BoardVersion, ["season_id", "municipality_id"], source, "version")


def signature(session: Session, season_id: int, municipality_id: int | None = None) -> tuple:
    """The versions a board depends on: one municipality's, or every municipality's for the region board."""
    query = select(BoardVersion.municipality_id, BoardVersion.version).where(BoardVersion.season_id == season_id)
    if municipality_id is not None:
        query = query.where(BoardVersion.municipality_id == municipality_id)
    return tuple(sorted((municipality, version) for municipality, version in session.execute(query)))

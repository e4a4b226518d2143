"""Which leaderboard figures changed: one version per municipality and season, raised with new XP.

Cached boards compare versions, so new XP refreshes only the boards of that municipality (and
the region's), and a wrong answer, which earns no XP, refreshes nothing.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Agent, BoardVersion, School, SchoolClass, Season
from .upsert import insert_or_increment


def bump(session: Session, agent_id: int, season_id: int) -> None:
    municipality_id = session.scalar(select(School.municipality_id).join(SchoolClass)
                                     .join(Agent, Agent.class_id == SchoolClass.id).where(Agent.id == agent_id))
    if municipality_id is not None:
        _raise(session, season_id, municipality_id)


def _raise(session: Session, season_id: int, municipality_id: int) -> None:
    insert_or_increment(session, BoardVersion, {"season_id": season_id, "municipality_id": municipality_id}, "version")


def bump_municipality(session: Session, municipality_id: int) -> None:
    """The municipality's own figures changed (children, joined date): its boards of every season refresh."""
    for season_id in session.scalars(select(Season.id)):
        _raise(session, season_id, municipality_id)


def signature(session: Session, season_id: int, municipality_id: int | None = None) -> tuple:
    """The versions a board depends on: one municipality's, or every municipality's for the region board."""
    query = select(BoardVersion.municipality_id, BoardVersion.version).where(BoardVersion.season_id == season_id)
    if municipality_id is not None:
        query = query.where(BoardVersion.municipality_id == municipality_id)
    return tuple(sorted(session.execute(query).all()))

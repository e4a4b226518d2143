"""Seasons: school years from 1 August to 31 July."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..content import Mission
from ..models import Season


def start_year_of(day: date) -> int:
    return day.year if day.month >= 8 else day.year - 1


def season_code(start_year: int) -> str:
    return f"{start_year}-{start_year + 1}"


def current_season(session: Session, today: date) -> Season | None:
    return session.scalar(select(Season).where(Season.code == season_code(start_year_of(today))))


class SeasonIds:
    """The id of the season of a day, kept per app process once found. Every page of a playing child needs
    it; a season's id never changes, and seasons are created but never deleted, so nothing goes stale."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    def current(self, session: Session, today: date) -> int | None:
        code = season_code(start_year_of(today))
        found = self._ids.get(code)
        if found is None:
            found = session.scalar(select(Season.id).where(Season.code == code))
            if found is not None:
                self._ids[code] = found
        return found


def create_season(session: Session, start_year: int, cutoff_on: date | None = None) -> Season:
    """A season for the school year starting 1 August ``start_year``; refuses duplicates."""
    code = season_code(start_year)
    if session.scalar(select(Season.id).where(Season.code == code)) is not None:
        raise ValueError("season_exists")
    starts_on, ends_on = date(start_year, 8, 1), date(start_year + 1, 7, 31)
    cutoff_on = cutoff_on or date(start_year + 1, 6, 1)
    if not starts_on <= cutoff_on <= ends_on:
        raise ValueError("cutoff_outside")
    season = Season(code=code, starts_on=starts_on, ends_on=ends_on, cutoff_on=cutoff_on)
    session.add(season)
    session.flush()
    return season


def core_mission_ids(season: Season, missions: dict[str, Mission]) -> set[str]:
    """The season's own list of core missions, or else every mission marked ``core = true``."""
    if season.core_missions is not None:
        return set(season.core_missions)
    return {mission.id for mission in missions.values() if mission.core}


def cutoff_moment(season: Season) -> datetime:
    """The last moment that counts for qualifying: the whole cut-off day."""
    return datetime.combine(season.cutoff_on, datetime.max.time())


def set_cutoff(season: Season, cutoff_on: date) -> None:
    """Move the qualifying cut-off; it stays inside the school year."""
    if not season.starts_on <= cutoff_on <= season.ends_on:
        raise ValueError("cutoff_outside")
    season.cutoff_on = cutoff_on

"""The coordinator's figures for one municipality and season: key numbers and chart series.

Everything is counted per municipality with grouped queries; children appear only as counts.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session, joinedload

from ..content import ContentPack
from ..models import (ActiveWeek, Agent, CourseGroup, Learner, Library, Municipality, MissionProgress, Season,
                      StepResult, XpEntry)
from . import courses, leaderboards
from .badges import monday_of
from .board_snapshots import Snapshots
from .sql_weeks import WeekOf


@dataclass(frozen=True)
class Dashboard:
    figures: dict[str, int]
    weekly_active: list[tuple[date, int]]  # week (its Monday) -> active agents
    weekly_missions: list[tuple[date, int]]  # week -> missions completed
    per_school: list[tuple[str, int]]  # school -> active agents
    per_library: list[tuple[str, int]]  # library -> learners


def snapshots(session: Session) -> Snapshots:
    """Dashboards shared by the worker processes like the boards (counts and place names only)."""
    return Snapshots(session, _to_json, _from_json)


def _to_json(dashboard: Dashboard) -> dict:
    return {"figures": dashboard.figures, "per_school": dashboard.per_school, "per_library": dashboard.per_library,
            "weekly_active": [(week.isoformat(), count) for week, count in dashboard.weekly_active],
            "weekly_missions": [(week.isoformat(), count) for week, count in dashboard.weekly_missions]}


def _from_json(data: dict) -> Dashboard:
    def weekly(pairs: list) -> list[tuple[date, int]]:
        return [(date.fromisoformat(week), count) for week, count in pairs]

    return Dashboard(data["figures"], weekly(data["weekly_active"]), weekly(data["weekly_missions"]),
                     [tuple(pair) for pair in data["per_school"]], [tuple(pair) for pair in data["per_library"]])


def _weeks(season: Season, today: date) -> list[date]:
    first = monday_of(season.starts_on)
    last = min(today, season.ends_on)
    return [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]


def load(session: Session, pack: ContentPack, municipality: Municipality, season: Season, today: date,
         school_rows: list[leaderboards.Row] | None = None) -> Dashboard:
    """``school_rows``: the municipality's school board when the caller has it cached."""
    agents = select(Agent.id).where(leaderboards.in_municipalities([municipality.id]))
    if school_rows is None:
        school_rows = leaderboards.school_rows(session, pack, season, municipality)
    board = {row.id: row for row in school_rows}
    month_start = datetime.combine(today.replace(day=1), datetime.min.time())
    active_month = session.scalar(select(func.count()).select_from(union(  # an agent counts once
        select(StepResult.agent_id).where(StepResult.agent_id.in_(agents), StepResult.answered_at >= month_start),
        select(XpEntry.agent_id).where(XpEntry.agent_id.in_(agents), XpEntry.created_at >= month_start)).subquery()))
    finished_in = WeekOf(MissionProgress.finished_at)
    missions_by_week = dict(session.execute(select(finished_in, func.count()).where(
        MissionProgress.agent_id.in_(agents), MissionProgress.season_id == season.id,
        MissionProgress.finished_at.is_not(None)).group_by(finished_in)).all())
    learners = list(session.scalars(select(Learner).join(CourseGroup).join(Library).where(
        Library.municipality_id == municipality.id).options(joinedload(Learner.group).joinedload(CourseGroup.library))))
    courses_done = sum(len(done) for done in courses.courses_finished_by(
        session, [learner.id for learner in learners], pack.courses).values())
    figures = {
        "agents": session.scalar(select(func.count()).select_from(Agent).where(
            Agent.id.in_(agents), Agent.is_placeholder.is_(False))) or 0,
        "active_this_month": active_month,
        "missions_completed": sum(missions_by_week.values()),
        "cyber_agents": sum(row.cyber_agents for row in board.values()),  # the school rows cover every agent
        "learners": len(learners),
        "courses_completed": courses_done,
    }
    weeks = _weeks(season, today)
    # An agent counts once per week: from the weeks recorded since badges came, and from the answers.
    agent_weeks = union(
        select(ActiveWeek.agent_id, ActiveWeek.week_of.label("week")).where(ActiveWeek.agent_id.in_(agents)),
        select(StepResult.agent_id, WeekOf(StepResult.answered_at)).where(StepResult.agent_id.in_(agents),
                                                                          StepResult.season_id == season.id),
    ).subquery()
    active_by_week = dict(session.execute(select(agent_weeks.c.week, func.count()).group_by(agent_weeks.c.week)).all())
    per_school = [(school.name, board[school.id].active_agents if school.id in board else 0)
                  for school in municipality.schools]
    per_library = Counter(learner.group.library.name for learner in learners)
    return Dashboard(figures, [(week, active_by_week.get(week, 0)) for week in weeks],
                     [(week, missions_by_week.get(week, 0)) for week in weeks], per_school,
                     [(library.name, per_library.get(library.name, 0)) for library in municipality.libraries])

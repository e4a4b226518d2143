"""Fair leaderboards (DESIGN §5): municipalities, schools in a municipality, classes in a school.

Numbers, never children. A season's figures are sums over the XP ledger and the progress tables
for that season: per scope, summed by the database, for the boards (``board_figures``); per agent for the
ceremony (``agent_seasons``), by the same rules. Ranking is competition style
(1, 2, 2, 4); a municipality needs 10 active agents to be ranked and must have joined, a school
needs 5 to be shown by name, and every unranked row says why.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, replace
from datetime import datetime

from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.orm import Session

from ..content import ContentPack
from ..models import Agent, Municipality, MissionProgress, School, SchoolClass, Season, StepResult, XpEntry
from . import board_figures, board_versions
from .board_figures import Totals
from .board_snapshots import Snapshots
from .class_board import competition_ranks
from .seasons import core_mission_ids, cutoff_moment

MIN_ACTIVE_MUNICIPALITY = 10
MIN_ACTIVE_SCHOOL = 5
MEASURES = ("xp", "participation", "agents", "missions")
PAGE_SIZE = 20


@dataclass(frozen=True)
class AgentSeason:
    """One agent's figures in one season."""

    agent_id: int
    class_id: int
    xp: int
    active: bool
    missions_done: int
    qualified: bool
    missing_core: tuple[str, ...] = ()  # core missions not done before the cut-off
    needs_offline: bool = False  # no task in the real world done before the cut-off


@dataclass(frozen=True)
class Row:
    id: int
    name: str | None  # None: a school too small to be shown by name
    region_part: str | None
    total_xp: int
    active_agents: int
    cyber_agents: int
    participation_per_1000: float | None
    missions_per_agent: float
    ranked: bool = True
    reason: str | None = None  # not_joined, too_few_active
    rank: int | None = None

    def value(self, measure: str) -> float:
        return {"xp": self.total_xp, "participation": self.participation_per_1000 or 0.0,
                "agents": self.cyber_agents, "missions": self.missions_per_agent}[measure]


def agent_seasons(session: Session, pack: ContentPack, season: Season,
                  scope: ColumnElement[bool] | None = None) -> list[AgentSeason]:
    """Every agent's figures for the season, in five grouped queries (placeholders of erased children included).

    ``scope``, a condition on ``Agent``, limits the work to the agents a board is about (one municipality,
    one school), so a board's cost follows its own size rather than the region's.
    """
    rows = session.connection().execute  # plain rows, not the ORM's: a region's board reads hundreds of thousands
    only = board_figures.agents_only(scope)
    offline_ids, online = board_figures.offline_and_online(pack)
    offline = set(offline_ids)
    xp = dict(rows(select(XpEntry.agent_id, func.sum(XpEntry.xp)).where(
        XpEntry.season_id == season.id, only(XpEntry.agent_id)).group_by(XpEntry.agent_id)).all())
    answered = set(rows(select(StepResult.agent_id).where(
        StepResult.season_id == season.id, only(StepResult.agent_id)).distinct()).scalars())
    cutoff = cutoff_moment(season)
    done: dict[int, dict[str, datetime]] = defaultdict(dict)
    for agent_id, mission_id, moment in rows(
            select(MissionProgress.agent_id, MissionProgress.mission_id, MissionProgress.finished_at)
            .where(MissionProgress.season_id == season.id, MissionProgress.finished_at.is_not(None),
                   MissionProgress.mission_id.in_(online), only(MissionProgress.agent_id))):
        _earliest(done[agent_id], mission_id, moment)
    for agent_id, mission_id, moment in rows(
            select(XpEntry.agent_id, XpEntry.source_id, XpEntry.created_at)
            .where(XpEntry.season_id == season.id, board_figures.DONE_IN_CLASS_ENTRY, only(XpEntry.agent_id))):
        _earliest(done[agent_id], mission_id, moment)
    core = core_mission_ids(season, pack.missions)
    figures = []
    for agent_id, class_id in rows(select(Agent.id, Agent.class_id).where(
            scope if scope is not None else true())):
        before_cutoff = {m for m, moment in done.get(agent_id, {}).items() if moment <= cutoff}
        missing = tuple(sorted(core - before_cutoff))
        needs_offline = not before_cutoff & offline
        figures.append(AgentSeason(agent_id, class_id, int(xp.get(agent_id, 0)),
                                   agent_id in answered or agent_id in xp, len(done.get(agent_id, {})),
                                   bool(core) and not missing and not needs_offline, missing, needs_offline))
    return figures


def _earliest(done: dict[str, datetime], mission_id: str, moment: datetime) -> None:
    """A mission counts as done when it was first done (a task confirmed twice, a quest also played online)."""
    if mission_id not in done or moment < done[mission_id]:
        done[mission_id] = moment


def in_municipalities(municipality_ids: list[int]) -> ColumnElement[bool]:
    """A scope for ``agent_seasons``: the agents of classes in these municipalities."""
    return Agent.class_id.in_(select(SchoolClass.id).join(School).where(School.municipality_id.in_(municipality_ids)))


def rank_rows(rows: list[Row], measure: str) -> list[Row]:
    """Ranked rows first, best first, with competition ranks; then the unranked ones by name."""
    ranked = sorted((r for r in rows if r.ranked), key=lambda r: (-r.value(measure), r.name or ""))
    ranks = competition_ranks([r.value(measure) for r in ranked])
    unranked = sorted((r for r in rows if not r.ranked), key=lambda r: (r.name is None, r.name or ""))
    return [replace(row, rank=rank) for rank, row in zip(ranks, ranked)] + unranked


def municipalities(session: Session, pack: ContentPack, season: Season, measure: str = "xp") -> list[Row]:
    return rank_rows(municipality_rows(session, pack, season), measure)


def municipality_rows(session: Session, pack: ContentPack, season: Season) -> list[Row]:
    """The region's municipalities with their figures, not yet ranked (ranking by a measure is cheap)."""
    totals = board_figures.per_group(session, pack, season, School.municipality_id)
    rows = []
    for municipality in session.scalars(select(Municipality)):
        figures = totals.get(municipality.id, Totals())
        active = figures.active_agents
        participation = round(active * 1000 / municipality.children_8_12, 1) if municipality.children_8_12 else None
        joined = municipality.joined_on is not None and municipality.joined_on <= season.ends_on
        reason = None if joined else "not_joined"
        if joined and active < MIN_ACTIVE_MUNICIPALITY:
            reason = "too_few_active"
        rows.append(Row(municipality.id, municipality.name, municipality.region_part, figures.total_xp, active,
                        figures.cyber_agents, participation, figures.missions_per_agent, reason is None, reason))
    return rows


def schools(session: Session, pack: ContentPack, season: Season, municipality: Municipality,
            measure: str = "xp") -> list[Row]:
    return rank_rows(school_rows(session, pack, season, municipality), measure)


def school_rows(session: Session, pack: ContentPack, season: Season, municipality: Municipality) -> list[Row]:
    """A municipality's schools that have a place on its board, with their figures, not yet ranked."""
    totals = board_figures.per_group(session, pack, season, SchoolClass.school_id,
                                     in_municipalities([municipality.id]))
    rows = []
    for school in municipality.schools:
        figures = totals.get(school.id, Totals())
        shown = figures.active_agents >= MIN_ACTIVE_SCHOOL
        rows.append(Row(school.id, school.name if shown else None, municipality.region_part, figures.total_xp,
                        figures.active_agents, figures.cyber_agents, None, figures.missions_per_agent, shown,
                        None if shown else "too_few_active"))
    return [r for r in rows if r.ranked or r.active_agents]


def classes(session: Session, pack: ContentPack, season: Season, school: School, measure: str = "xp") -> list[Row]:
    """The classes of one school this season (class names, never children)."""
    school_classes = list(session.scalars(select(SchoolClass).where(SchoolClass.school_id == school.id,
                                                                   SchoolClass.season_id == season.id)))
    totals = board_figures.per_group(session, pack, season, Agent.class_id,
                                     Agent.class_id.in_([c.id for c in school_classes]))
    rows = []
    for school_class in school_classes:
        figures = totals.get(school_class.id, Totals())
        rows.append(Row(school_class.id, school_class.name, None, figures.total_xp, figures.active_agents,
                        figures.cyber_agents, None, figures.missions_per_agent))
    return rank_rows(rows, measure)


def page(rows: list[Row], number: int) -> tuple[list[Row], int]:
    """One page of rows and the number of pages (at least 1)."""
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    number = min(max(1, number), pages)
    return rows[(number - 1) * PAGE_SIZE:number * PAGE_SIZE], pages


def cached_municipalities(cache, session: Session, pack: ContentPack, season: Season, measure: str) -> list[Row]:
    """The region board, recomputed only when some municipality's figures changed; one entry serves every
    measure, and every worker process (board_snapshots)."""
    rows = cache.get(("municipalities", season.id), lambda own: board_versions.signature(own, season.id),
                     lambda own: municipality_rows(own, pack, own.get(Season, season.id)), session, _snapshots)
    return rank_rows(rows, measure)


def cached_schools(cache, session: Session, pack: ContentPack, season: Season, municipality: Municipality,
                   measure: str) -> list[Row]:
    """One municipality's school board, recomputed only when that municipality's figures changed."""
    rows = cache.get(("schools", season.id, municipality.id),
                     lambda own: board_versions.signature(own, season.id, municipality.id),
                     lambda own: school_rows(own, pack, own.get(Season, season.id),
                                             own.get(Municipality, municipality.id)), session, _snapshots)
    return rank_rows(rows, measure)


def _snapshots(session: Session) -> Snapshots:
    return Snapshots(session, lambda rows: [asdict(row) for row in rows], lambda rows: [Row(**row) for row in rows])

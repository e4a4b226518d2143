"""A board's figures per group (class, school or municipality), summed by the database in one query.

``leaderboards.agent_seasons`` gives the same figures agent by agent, for the ceremony, which needs to know who
qualified. A board needs only the sums: here the database reads the season's ledger, progress and answers
and sends back a row per group instead of a row per agent and mission. Besides being faster, the work is
done outside Python, so a board being recomputed no longer holds up the pages of the children served by the
same process (Python runs one thread at a time; a database call lets the others run).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, bindparam, case, exists, false, func, or_, select, true, union_all
from sqlalchemy.orm import Session

from ..content import ContentPack
from ..models import DONE_IN_CLASS, Agent, MissionProgress, School, SchoolClass, Season, StepResult, XpEntry
from .seasons import core_mission_ids, cutoff_moment

# The ledger's tasks done in the real world and class quests. The kinds are written into the SQL rather than sent
# as parameters, so the database sees that its small index of these entries (ix_xp_ledger_done_in_class) applies.
DONE_IN_CLASS_ENTRY = XpEntry.source_type.in_(bindparam("done_in_class", DONE_IN_CLASS, literal_execute=True))


@dataclass(frozen=True)
class Totals:
    total_xp: int = 0
    active_agents: int = 0
    cyber_agents: int = 0
    missions_per_agent: float = 0.0  # missions done per active agent


def agents_only(scope: ColumnElement[bool] | None) -> Callable[[ColumnElement], ColumnElement[bool]]:
    """A condition on an agent-id column: one of the agents in ``scope`` (a condition on ``Agent``), or any
    agent when None (ledger rows of seniors have no agent)."""
    agents = select(Agent.id).where(scope) if scope is not None else None
    return lambda column: column.in_(agents) if agents is not None else column.is_not(None)


def offline_and_online(pack: ContentPack) -> tuple[list[str], list[str]]:
    """The missions done in the real world (confirmed by the teacher) and those played on the screen."""
    offline = sorted(mission.id for mission in pack.missions.values() if mission.is_offline)
    return offline, sorted(mission_id for mission_id in pack.missions if mission_id not in offline)


def per_group(session: Session, pack: ContentPack, season: Season, group: ColumnElement[int],
              scope: ColumnElement[bool] | None = None) -> dict[int, Totals]:
    """Totals per value of ``group`` (``Agent.class_id``, ``SchoolClass.school_id`` or ``School.municipality_id``)
    over the agents in ``scope`` (a condition on ``Agent``; all agents when None). Groups without agents are
    missing. The rules are those of ``agent_seasons``."""
    only = agents_only(scope)
    offline, online = offline_and_online(pack)
    core = sorted(core_mission_ids(season, pack.missions))
    cutoff = cutoff_moment(season)

    xp = (select(XpEntry.agent_id, func.sum(XpEntry.xp).label("xp"))
          .where(XpEntry.season_id == season.id, only(XpEntry.agent_id)).group_by(XpEntry.agent_id).subquery())
    done_items = union_all(  # what an agent has done: a mission finished online, or a task confirmed by the teacher
        select(MissionProgress.agent_id, MissionProgress.mission_id.label("item"),
               MissionProgress.finished_at.label("moment"))
        .where(MissionProgress.season_id == season.id, MissionProgress.finished_at.is_not(None),
               MissionProgress.mission_id.in_(online), only(MissionProgress.agent_id)),
        select(XpEntry.agent_id, XpEntry.source_id, XpEntry.created_at)
        .where(XpEntry.season_id == season.id, DONE_IN_CLASS_ENTRY, only(XpEntry.agent_id)),
    ).subquery()
    items = (select(done_items.c.agent_id, done_items.c.item, func.min(done_items.c.moment).label("moment"))
             .group_by(done_items.c.agent_id, done_items.c.item).subquery())
    in_time = items.c.moment <= cutoff
    done = (select(items.c.agent_id, func.count().label("missions"),
                   func.sum(case((and_(items.c.item.in_(core), in_time), 1), else_=0)).label("core"),
                   func.sum(case((and_(items.c.item.in_(offline), in_time), 1), else_=0)).label("offline"))
            .group_by(items.c.agent_id).subquery())
    answered = exists().where(StepResult.agent_id == Agent.id, StepResult.season_id == season.id)
    active = case((or_(xp.c.agent_id.is_not(None), answered), 1), else_=0)
    qualified = and_(done.c.core == len(core), done.c.offline > 0) if core else false()
    per_agent = (select(group.label("grp"), func.coalesce(xp.c.xp, 0).label("xp"), active.label("active"),
                        (active * func.coalesce(done.c.missions, 0)).label("missions"),
                        case((qualified, 1), else_=0).label("qualified"))
                 .select_from(Agent).join(SchoolClass, Agent.class_id == SchoolClass.id)
                 .join(School, SchoolClass.school_id == School.id)
                 .outerjoin(xp, xp.c.agent_id == Agent.id).outerjoin(done, done.c.agent_id == Agent.id)
                 .where(scope if scope is not None else true()).subquery())
    rows = session.execute(select(per_agent.c.grp, func.sum(per_agent.c.xp), func.sum(per_agent.c.active),
                                  func.sum(per_agent.c.qualified), func.sum(per_agent.c.missions))
                           .group_by(per_agent.c.grp))
    return {grp: Totals(int(xp_sum or 0), int(active_sum or 0), int(cyber or 0),
                        round(int(missions or 0) / int(active_sum), 2) if active_sum else 0.0)
            for grp, xp_sum, active_sum, cyber, missions in rows}

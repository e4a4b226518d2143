"""How each badge rule kind is decided, from facts about one person only (DESIGN §4).

Every query here is filtered by the person (or, for "first in the class", by their class),
so evaluating a rule never scans the whole user table.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, func, literal, select
from sqlalchemy.orm import Session

from ..content import ContentPack
from ..models import (DONE_IN_CLASS, ActiveWeek, Agent, HelperConfirmation, Learner, MadeMission, MissionProgress,
                      Season, StepResult, XpEntry)
from . import courses
from .seasons import core_mission_ids

NEW_ACTIVE_WEEK = "new_active_week"  # the first step answered in a week
MISSION_FINISHED = "mission_finished"
OFFLINE_CONFIRMED = "offline_confirmed"
COURSE_FINISHED = "course_finished"
RANK_REACHED = "rank_reached"
MADE_APPROVED = "made_approved"
ALL_EVENTS = frozenset({NEW_ACTIVE_WEEK, MISSION_FINISHED, OFFLINE_CONFIRMED, COURSE_FINISHED, RANK_REACHED,
                        MADE_APPROVED})


# Built once with bound parameters: a finishing answer reads several of them, and building a query cost about
# half as much as running it.
_PERSON = bindparam("person_id")
_DONE = (select(literal(False).label("confirmed"), MissionProgress.season_id, MissionProgress.mission_id,
                MissionProgress.finished_at)
         .where(MissionProgress.agent_id == _PERSON, MissionProgress.finished_at.is_not(None))
         .union_all(select(literal(True), XpEntry.season_id, XpEntry.source_id, XpEntry.created_at)  # tasks, quests
                    .where(XpEntry.agent_id == _PERSON, XpEntry.source_type.in_(DONE_IN_CLASS)))
         .order_by("confirmed"))  # a confirmation counts over a finish
_MOST_TRIES = (select(StepResult.season_id, StepResult.mission_id, func.max(StepResult.tries))
               .where(StepResult.agent_id == _PERSON).group_by(StepResult.season_id, StepResult.mission_id))
_SEASON_XP_TOTALS = select(func.sum(XpEntry.xp)).where(XpEntry.agent_id == _PERSON).group_by(XpEntry.season_id)
_HELPED = select(HelperConfirmation.id).where(HelperConfirmation.agent_id == _PERSON,
                                              HelperConfirmation.confirmed_at.is_not(None)).limit(1)


def per_person_kind(model: type, build: Callable[[ColumnElement[bool]], Select]) -> dict[str, Select]:
    """A statement about an agent's rows of ``model`` and one about a learner's, built once: ``build`` gets the
    condition on the row's owner, whose id is the parameter ``person_id``."""
    return {"agent": build(model.agent_id == _PERSON), "learner": build(model.learner_id == _PERSON)}


_ACTIVE_WEEKS = per_person_kind(ActiveWeek, lambda mine: select(func.count(ActiveWeek.id)).where(mine))
_SEASONS = select(Season).where(Season.id.in_(bindparam("season_ids", expanding=True)))
_MADE_APPROVED = select(MadeMission.id).where(MadeMission.agent_id == _PERSON, MadeMission.status == "approved").limit(1)


def _earliest_in_class(moment, owner, condition) -> Select:
    """When someone else in the agent's class first did it (``condition`` holds ``mission_id``)."""
    return (select(func.min(moment)).join(Agent, Agent.id == owner)
            .where(Agent.class_id == bindparam("class_id"), owner != _PERSON, condition))


_EARLIEST_CONFIRMED = _earliest_in_class(XpEntry.created_at, XpEntry.agent_id, (XpEntry.source_type == "offline")
                                         & (XpEntry.source_id == bindparam("mission_id")))
_EARLIEST_FINISHED = _earliest_in_class(
    MissionProgress.finished_at, MissionProgress.agent_id,
    (MissionProgress.mission_id == bindparam("mission_id")) & MissionProgress.finished_at.is_not(None))


class Facts:
    """What one agent or learner has done, each fact read once and only when a rule needs it."""

    def __init__(self, session: Session, pack: ContentPack, person: Agent | Learner) -> None:
        self.session, self.pack, self.person = session, pack, person
        self._me = {"person_id": person.id}

    @cached_property
    def done(self) -> dict[tuple[int, str], datetime]:
        """(season id, mission id) -> when done: finished; an offline mission confirmed; a class quest redeemed."""
        offline = {mission.id for mission in self.pack.missions.values() if mission.is_offline}
        done = {}
        for was_confirmed, season_id, mission_id, moment in self.session.execute(_DONE, self._me):
            # Finishing an offline mission's steps is not doing it, and made missions earn no badges
            if was_confirmed or (mission_id not in offline and mission_id in self.pack.missions):
                done[(season_id, mission_id)] = moment
        return done

    @cached_property
    def done_missions(self) -> dict[str, datetime]:
        """Mission id -> the first time it was done, in any season."""
        first: dict[str, datetime] = {}
        for (_season, mission_id), moment in self.done.items():
            first[mission_id] = min(moment, first.get(mission_id, moment))
        return first

    @cached_property
    def perfect_missions(self) -> set[str]:
        """Missions done in a season where every scored step was right on the first try."""
        rows = self.session.execute(_MOST_TRIES, self._me)
        return {mission_id for season_id, mission_id, most in rows
                if most == 1 and (season_id, mission_id) in self.done}

    @cached_property
    def best_season_xp(self) -> int:
        totals = self.session.scalars(_SEASON_XP_TOTALS, self._me)
        return max((total or 0 for total in totals), default=0)

    @cached_property
    def offline_confirmed(self) -> int:
        return len({mission_id for (_s, mission_id) in self.done if self.pack.missions.get(mission_id)
                    and self.pack.missions[mission_id].is_offline})

    @cached_property
    def helped_senior(self) -> bool:
        return self.session.scalar(_HELPED, self._me) is not None

    @cached_property
    def active_weeks(self) -> int:
        return self.session.scalar(_ACTIVE_WEEKS[self.person.kind], self._me) or 0

    @cached_property
    def seasons_played(self) -> list[Season]:
        """The seasons in which the person did a mission."""
        season_ids = {season_id for season_id, _m in self.done}
        return list(self.session.scalars(_SEASONS, {"season_ids": list(season_ids)})) if season_ids else []

    @cached_property
    def core_done(self) -> bool:
        """Every core mission of some season done in that season."""
        for season in self.seasons_played:
            core = core_mission_ids(season, self.pack.missions)
            if core and all((season.id, mission_id) in self.done for mission_id in core):
                return True
        return False

    @cached_property
    def made_approved(self) -> bool:
        return self.session.scalar(_MADE_APPROVED, self._me) is not None

    @cached_property
    def finished_courses(self) -> set[str]:
        return set(courses.finished_courses(self.session, self.person.id, self.pack.courses))

    def first_in_class(self, mission_id: str) -> bool:
        """Nobody else in the class did the mission before this agent (ties: the database picks one)."""
        mine = self.done_missions.get(mission_id)
        if mine is None:
            return False
        query = _EARLIEST_CONFIRMED if self.pack.missions[mission_id].is_offline else _EARLIEST_FINISHED
        earliest = self.session.scalar(query, {**self._me, "class_id": self.person.class_id, "mission_id": mission_id})
        return earliest is None or mine <= earliest


@dataclass(frozen=True)
class RuleCheck:
    triggers: frozenset[str]  # the events after which the rule is looked at
    met: Callable[[Facts, dict[str, Any]], bool]
    exclusive_scope: Callable[[Facts], str] | None = None  # one winner per scope, e.g. per class


def _all_route_courses(facts: Facts) -> bool:
    route = [course.id for course in courses.route_for(facts.person, facts.pack.courses)]
    return bool(route) and set(route) <= facts.finished_courses


_MISSION_EVENTS = frozenset({MISSION_FINISHED, OFFLINE_CONFIRMED})

RULE_CHECKS: dict[str, RuleCheck] = {
    "mission_done": RuleCheck(_MISSION_EVENTS, lambda f, p: p["mission"] in f.done_missions),
    "track_done": RuleCheck(_MISSION_EVENTS, lambda f, p: all(
        mission.id in f.done_missions for mission in f.pack.missions.values()
        if mission.track == p["track"] and not mission.class_quest)),
    "missions_done": RuleCheck(_MISSION_EVENTS, lambda f, p: len(f.done_missions) >= p["count"]),
    "core_done": RuleCheck(_MISSION_EVENTS, lambda f, p: f.core_done),
    "perfect_mission": RuleCheck(frozenset({MISSION_FINISHED}), lambda f, p: (
        p["mission"] in f.perfect_missions if "mission" in p else bool(f.perfect_missions))),
    "course_done": RuleCheck(frozenset({COURSE_FINISHED}), lambda f, p: p["course"] in f.finished_courses),
    "courses_done": RuleCheck(frozenset({COURSE_FINISHED}), lambda f, p: (
        len(f.finished_courses) >= p["count"] if "count" in p else _all_route_courses(f))),
    "active_weeks": RuleCheck(frozenset({NEW_ACTIVE_WEEK}), lambda f, p: f.active_weeks >= p["weeks"]),
    "offline_confirmed": RuleCheck(frozenset({OFFLINE_CONFIRMED}), lambda f, p: f.offline_confirmed >= p["count"]),
    "helped_senior": RuleCheck(frozenset({OFFLINE_CONFIRMED}), lambda f, p: f.helped_senior),
    "rank_reached": RuleCheck(frozenset({RANK_REACHED}), lambda f, p: f.best_season_xp >= next(
        rank.min_xp for rank in f.pack.ranks if rank.id == p["rank"])),
    "first_in_class": RuleCheck(_MISSION_EVENTS, lambda f, p: f.first_in_class(p["mission"]),
                                exclusive_scope=lambda f: f"class:{f.person.class_id}"),
    "made_mission_approved": RuleCheck(frozenset({MADE_APPROVED}), lambda f, p: f.made_approved),
}

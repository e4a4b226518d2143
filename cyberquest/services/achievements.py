"""Playing and learning with their rewards: each step turned into events for the badge engine.

The views call these instead of ``play``/``courses`` directly, so every answer, finished mission,
finished course, confirmed offline task and new rank is looked at by the badge rules in the same
transaction as the progress it comes from.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from ..content import Badge, ContentPack, Course, Lesson, Mission, Rank
from ..content.kinds import StepKind
from ..models import Agent, Learner, utcnow
from . import courses, play
from .badge_rules import (COURSE_FINISHED, MADE_APPROVED, MISSION_FINISHED, NEW_ACTIVE_WEEK, OFFLINE_CONFIRMED,
                          RANK_REACHED)
from .badges import evaluate, record_activity


@dataclass(frozen=True)
class Celebration:
    badges: tuple[Badge, ...] = ()
    rank: Rank | None = None  # a rank reached just now


def _new_rank(pack: ContentPack, earned: int, season_xp: int) -> Rank | None:
    """The rank reached by earning ``earned``, which brought the season's XP to ``season_xp``; None if none."""
    if not earned or not pack.ranks:
        return None
    before, after = play.standing(pack.ranks, season_xp - earned).rank, play.standing(pack.ranks, season_xp).rank
    return after if after.id != before.id else None


def _activity(session: Session, person: Agent | Learner) -> set[str]:
    """Record this week as active; the event only when the week is new (the badge rules need no look otherwise)."""
    return {NEW_ACTIVE_WEEK} if record_activity(session, person, utcnow().date()) else set()


def _after_mission_step(session: Session, pack: ContentPack, agent: Agent, season_id: int,
                        outcome: play.Outcome) -> Celebration:
    events = _activity(session, agent) | ({MISSION_FINISHED} if outcome.finished else set())
    rank = _new_rank(pack, outcome.xp + outcome.mission_xp, outcome.season_xp)
    if rank is not None:
        events.add(RANK_REACHED)
    return Celebration(tuple(evaluate(session, pack, agent, events)), rank)


def answer_mission_step(session: Session, pack: ContentPack, kinds: dict[str, StepKind], agent: Agent,
                        season_id: int, mission: Mission, step_key: str, given: Any) -> tuple[play.Outcome, Celebration]:
    outcome = play.answer(session, kinds, agent.id, season_id, mission, step_key, given)
    return outcome, _after_mission_step(session, pack, agent, season_id, outcome)


def go_on_in_mission(session: Session, pack: ContentPack, kinds: dict[str, StepKind], agent: Agent,
                     season_id: int, mission: Mission, step_key: str) -> tuple[play.Outcome, Celebration]:
    outcome = play.go_on(session, kinds, agent.id, season_id, mission, step_key)
    return outcome, _after_mission_step(session, pack, agent, season_id, outcome)


def _after_award(session: Session, pack: ContentPack, agent: Agent, season_id: int, earned: int,
                 event: str) -> Celebration:
    rank = _new_rank(pack, earned, play.total_xp(session, agent.id, season_id) if earned else 0)
    events = {event} | ({RANK_REACHED} if rank is not None else set())
    return Celebration(tuple(evaluate(session, pack, agent, events)), rank)


def offline_confirmed(session: Session, pack: ContentPack, agent: Agent, season_id: int, mission: Mission) -> Celebration:
    """A teacher or a senior confirmed the child's real-world task: its XP, then the badges."""
    earned = play.award_offline(session, agent.id, season_id, mission)
    return _after_award(session, pack, agent, season_id, earned, OFFLINE_CONFIRMED)


def class_quest_done(session: Session, pack: ContentPack, agent: Agent, season_id: int,
                     mission: Mission) -> tuple[int, Celebration]:
    """The child entered the code of a quest the class played together: its XP, then the badges."""
    earned = play.award_class_quest(session, agent.id, season_id, mission)
    return earned, _after_award(session, pack, agent, season_id, earned, MISSION_FINISHED)


def made_mission_approved(session: Session, pack: ContentPack, agent: Agent, season_id: int,
                          earned: int) -> Celebration:
    """The teacher approved the child's own mission: the maker's XP is in, now the badges."""
    return _after_award(session, pack, agent, season_id, earned, MADE_APPROVED)


def _after_lesson_step(session: Session, pack: ContentPack, learner: Learner, course: Course) -> tuple[Badge, ...]:
    events = _activity(session, learner)
    if courses.finished_at(course, courses.progress_by_lesson(session, learner.id, course.id)) is not None:
        events.add(COURSE_FINISHED)
    return tuple(evaluate(session, pack, learner, events))


def answer_lesson_step(session: Session, pack: ContentPack, kinds: dict[str, StepKind], learner: Learner,
                       course: Course, lesson: Lesson, step_key: str, given: Any) -> tuple[bool, tuple[Badge, ...]]:
    right = courses.answer(session, kinds, learner.id, course, lesson, step_key, given)
    return right, _after_lesson_step(session, pack, learner, course)


def go_on_in_lesson(session: Session, pack: ContentPack, kinds: dict[str, StepKind], learner: Learner,
                    course: Course, lesson: Lesson, step_key: str) -> tuple[Badge, ...]:
    courses.go_on(session, kinds, learner.id, course, lesson, step_key)
    return _after_lesson_step(session, pack, learner, course)

"""Badge rule kinds and their parameters (DESIGN §4): what ``content check`` validates.

How a rule is decided lives in ``services.badge_rules``; this module only says which kinds
exist, who can earn them and which parameters they take.
"""
from __future__ import annotations

from dataclasses import dataclass

AGENT, LEARNER = "agent", "learner"


@dataclass(frozen=True)
class Param:
    name: str
    refers_to: str  # "mission", "track", "course", "rank" (checked against the pack) or "count"
    required: bool = True


@dataclass(frozen=True)
class RuleSpec:
    kind: str
    audiences: frozenset[str]
    params: tuple[Param, ...] = ()


def _spec(kind: str, audiences: tuple[str, ...], *params: Param) -> RuleSpec:
    return RuleSpec(kind, frozenset(audiences), params)


RULE_SPECS: dict[str, RuleSpec] = {spec.kind: spec for spec in (
    _spec("mission_done", (AGENT,), Param("mission", "mission")),
    _spec("track_done", (AGENT,), Param("track", "track")),
    _spec("missions_done", (AGENT,), Param("count", "count")),
    _spec("core_done", (AGENT,)),
    _spec("perfect_mission", (AGENT,), Param("mission", "mission", required=False)),
    _spec("course_done", (LEARNER,), Param("course", "course")),
    # Without a count: every course of the learner's route.
    _spec("courses_done", (LEARNER,), Param("count", "count", required=False)),
    _spec("active_weeks", (AGENT, LEARNER), Param("weeks", "count")),
    _spec("offline_confirmed", (AGENT,), Param("count", "count")),
    _spec("helped_senior", (AGENT,)),
    _spec("rank_reached", (AGENT,), Param("rank", "rank")),
    _spec("first_in_class", (AGENT,), Param("mission", "mission")),
    _spec("made_mission_approved", (AGENT,)),
)}

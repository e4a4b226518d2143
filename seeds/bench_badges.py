"""The badges the benchmark region's progress has earned, decided by the badge rules themselves, in bulk.

A region a year into play holds its badges, already celebrated. Without them a benchmark child's first finished
mission would award every badge its seeded history had earned, six or so at once. ``badges.backfill`` gives the
right badges but reads each child's facts from the database (about 14 minutes for 100,000 agents on PostgreSQL);
the seeder wrote every child's history itself, so it hands the rules those facts instead.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cyberquest.content import ContentPack
from cyberquest.models import Agent, Season
from cyberquest.services.badge_rules import ALL_EVENTS, Facts
from cyberquest.services.badges import candidates, newly_met


@dataclass(slots=True)
class History:
    """What the seeder made one agent do: everything at one moment, in one season."""
    moment: datetime
    xp: int = 0
    finished: list[str] = field(default_factory=list)
    perfect: set[str] = field(default_factory=set)  # finished with every step right at the first try


class KnownFacts(Facts):
    """An agent's facts as the seeder wrote them. A fact not given here is still read from the database."""

    def __init__(self, session: Session, pack: ContentPack, agent: Agent, season: Season, history: History,
                 firsts: dict[tuple[int, str], datetime]) -> None:
        super().__init__(session, pack, agent)
        done = {(season.id, mission_id): history.moment for mission_id in history.finished}
        self.__dict__.update(done=done, seasons_played=[season] if done else [], perfect_missions=history.perfect,
                             best_season_xp=history.xp, active_weeks=0, helped_senior=False, made_approved=False,
                             finished_courses=set())
        self.firsts = firsts

    def first_in_class(self, mission_id: str) -> bool:
        mine = self.done_missions.get(mission_id)
        return mine is not None and mine <= self.firsts[(self.person.class_id, mission_id)]


def earned_badges(session: Session, pack: ContentPack, season: Season, histories: dict[int, History]) -> list[dict]:
    """Badge award rows, celebrated when earned; agents in id order, so an exclusive badge (one per class) goes
    where ``badges.backfill`` would put it."""
    class_of = dict(session.execute(select(Agent.id, Agent.class_id)
                                    .where(Agent.id.between(min(histories), max(histories)))).all())
    firsts: dict[tuple[int, str], datetime] = {}  # (class, mission) -> the class's first finish
    for agent_id, history in histories.items():
        for mission_id in history.finished:
            key = (class_of[agent_id], mission_id)
            firsts[key] = min(history.moment, firsts.get(key, history.moment))
    looked_at = candidates(pack, Agent.kind, ALL_EVENTS)
    taken: set[tuple[str, str]] = set()
    rows = []
    for agent_id in sorted(histories):
        history = histories[agent_id]
        facts = KnownFacts(session, pack, Agent(id=agent_id, class_id=class_of[agent_id]), season, history, firsts)
        for badge, scope in newly_met(facts, looked_at, ()):
            if scope is not None:
                if (badge.id, scope) in taken:
                    continue
                taken.add((badge.id, scope))
            rows.append({"agent_id": agent_id, "badge_id": badge.id, "exclusive_key": scope,
                         "awarded_at": history.moment, "seen_at": history.moment})
    return rows

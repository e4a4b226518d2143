"""The badge engine: rules looked at after events, inside the same transaction (DESIGN §4).

Each badge is awarded once per person; the unique indexes on ``badge_awards`` keep it so when
two events race. ``backfill`` awards a newly added badge to everyone who already met its rule.
"""
from __future__ import annotations

from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import BindParameter, Exists, select, update
from sqlalchemy.orm import Session

from ..content import Badge, ContentPack
from ..models import ActiveWeek, Agent, BadgeAward, Learner, utcnow
from .badge_rules import ALL_EVENTS, RULE_CHECKS, Facts, per_person_kind
from .upsert import InsertUnlessPresent, insert_those_not_present

Person = Agent | Learner


def _owner_column(model: type, person: Person):
    return model.agent_id if isinstance(person, Agent) else model.learner_id


def _owner_values(person: Person) -> dict[str, int]:
    return {"agent_id": person.id} if isinstance(person, Agent) else {"learner_id": person.id}


_ACTIVE_WEEK = InsertUnlessPresent(ActiveWeek, None)  # an agent's or a learner's: either unique index


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def record_activity(session: Session, person: Person, day: date) -> bool:
    """Remember the week (its Monday) in which the person did something, once per week; True when new.

    Nothing is written when the person was loaded knowing the week is recorded (``known_active_week``): most
    answers of a week are not its first."""
    monday = monday_of(day)
    if person.known_active_week == monday:
        return False
    return _ACTIVE_WEEK(session, {**_owner_values(person), "week_of": monday})


_OWNED = per_person_kind(BadgeAward, lambda mine: select(BadgeAward.badge_id).where(mine))


def owned(session: Session, person: Person) -> set[str]:
    """The ids of the person's badges (their awards are not loaded)."""
    return set(session.scalars(_OWNED[person.kind], {"person_id": person.id}))


_AWARDS = per_person_kind(BadgeAward, lambda mine: select(BadgeAward).where(mine))


def awarded(session: Session, person: Person) -> dict[str, BadgeAward]:
    """The person's badges by badge id."""
    return {row.badge_id: row for row in session.scalars(_AWARDS[person.kind], {"person_id": person.id})}


def candidates(pack: ContentPack, audience: str, events: Iterable[str]) -> list[Badge]:
    """The badges for ``audience`` whose rule is looked at after one of ``events``."""
    events = set(events)
    return [badge for badge in pack.badges.values()
            if audience in badge.audiences and RULE_CHECKS[badge.rule.kind].triggers & events]


def newly_met(facts: Facts, badges: Iterable[Badge], owned: Container[str]) -> Iterator[tuple[Badge, str | None]]:
    """Each badge not owned yet whose rule the facts meet, with its exclusive scope (one winner per scope)."""
    for badge in badges:
        check = RULE_CHECKS[badge.rule.kind]
        if badge.id in owned or not check.met(facts, badge.rule.params):
            continue
        yield badge, check.exclusive_scope(facts) if check.exclusive_scope else None


def evaluate(session: Session, pack: ContentPack, person: Person, events: Iterable[str]) -> list[Badge]:
    """Award every badge whose rule looks at one of ``events`` and is now met; returns the new ones."""
    looked_at = candidates(pack, person.kind, events)
    if not looked_at:
        return []
    met = list(newly_met(Facts(session, pack, person), looked_at, owned(session, person)))
    if not met:
        return []
    now, owner = utcnow(), _owner_values(person)
    inserted = insert_those_not_present(  # not those another request awarded meanwhile, or an exclusive one's winner
        session, BadgeAward, [{**owner, "badge_id": badge.id, "exclusive_key": scope, "awarded_at": now}
                              for badge, scope in met], BadgeAward.badge_id)
    return [badge for badge, _scope in met if badge.id in inserted]


def backfill(session: Session, pack: ContentPack, batch_size: int = 500) -> int:
    """Award every badge to everyone who already met its rule; running it again awards nothing."""
    new = 0
    for model in (Agent, Learner):
        last_id = 0
        while True:
            people = list(session.scalars(select(model).where(model.id > last_id).order_by(model.id)
                                          .limit(batch_size)))
            if not people:
                break
            for person in people:
                new += len(evaluate(session, pack, person, ALL_EVENTS))
            last_id = people[-1].id
            session.commit()
    return new


def has_unseen(model: type[Agent] | type[Learner]) -> Exists:
    """Whether a person of ``model`` has badges not yet celebrated: loaded along with the signed-in person."""
    owner = BadgeAward.agent_id if model is Agent else BadgeAward.learner_id
    return select(BadgeAward.id).where(owner == model.id, BadgeAward.seen_at.is_(None)).exists()


def active_in_week(model: type[Agent] | type[Learner], monday: BindParameter) -> Exists:
    """Whether a person of ``model`` is recorded as active in the week of ``monday``: loaded along with the
    signed-in person, so that an answer writes the week only when it is new."""
    owner = ActiveWeek.agent_id if model is Agent else ActiveWeek.learner_id
    return select(ActiveWeek.id).where(owner == model.id, ActiveWeek.week_of == monday).exists()


def unseen(session: Session, pack: ContentPack, person: Person) -> list[Badge]:
    """Badges earned but not yet celebrated (also those confirmed while the person was away)."""
    rows = session.scalars(select(BadgeAward).where(_owner_column(BadgeAward, person) == person.id,
                                                    BadgeAward.seen_at.is_(None)).order_by(BadgeAward.id))
    return [pack.badges[row.badge_id] for row in rows if row.badge_id in pack.badges]


def mark_seen(session: Session, person: Person) -> None:
    session.execute(update(BadgeAward).where(_owner_column(BadgeAward, person) == person.id,
                                             BadgeAward.seen_at.is_(None)).values(seen_at=utcnow()))


@dataclass(frozen=True)
class Trophy:
    badge: Badge
    awarded_at: datetime | None  # None: not earned yet (shown greyed, with how to earn it)


def trophy_room(session: Session, pack: ContentPack, person: Person) -> list[Trophy]:
    """Every badge the person can earn, earned ones first (newest first), then the rest in file order."""
    return trophies(pack, person, awarded(session, person))


def trophies(pack: ContentPack, person: Person, mine: dict[str, BadgeAward]) -> list[Trophy]:
    """``trophy_room`` of the person's badges as ``awarded`` read them."""
    badges = [badge for badge in pack.badges.values() if person.kind in badge.audiences]
    earned = sorted((Trophy(b, mine[b.id].awarded_at) for b in badges if b.id in mine),
                    key=lambda trophy: trophy.awarded_at, reverse=True)  # type: ignore[arg-type, return-value]
    return earned + [Trophy(badge, None) for badge in badges if badge.id not in mine]


@dataclass(frozen=True)
class BadgeStrip:
    recent: list[Badge]
    earned: int
    total: int


def badge_strip(pack: ContentPack, person: Person, mine: dict[str, BadgeAward], size: int = 6) -> BadgeStrip:
    """The newest badges for the mission map or course overview, and how many of how many, of the person's
    badges as ``awarded`` read them (the map shows them too)."""
    room = trophies(pack, person, mine)
    earned = [trophy.badge for trophy in room if trophy.awarded_at is not None]
    return BadgeStrip(earned[:size], len(earned), len(room))


def track_badges(pack: ContentPack) -> dict[str, Badge]:
    """Per track id, the badge for finishing that track (shown on the mission map)."""
    return {badge.rule.params["track"]: badge for badge in pack.badges.values() if badge.rule.kind == "track_done"}


@dataclass(frozen=True)
class ClassBadges:
    per_badge: list[tuple[Badge, int]]  # every agent badge, with how many agents in the class earned it
    per_agent: dict[int, int]  # agent id -> number of badges


def class_summary(session: Session, pack: ContentPack, class_id: int) -> ClassBadges:
    """The teacher's overview of a class's badges (one grouped query over that class only)."""
    rows = session.execute(select(BadgeAward.agent_id, BadgeAward.badge_id).join(Agent, Agent.id == BadgeAward.agent_id)
                           .where(Agent.class_id == class_id)).all()
    by_badge: dict[str, int] = {}
    per_agent: dict[int, int] = {}
    for agent_id, badge_id in rows:
        by_badge[badge_id] = by_badge.get(badge_id, 0) + 1
        per_agent[agent_id] = per_agent.get(agent_id, 0) + 1
    per_badge = [(badge, by_badge.get(badge.id, 0)) for badge in pack.badges.values() if "agent" in badge.audiences]
    return ClassBadges(per_badge, per_agent)

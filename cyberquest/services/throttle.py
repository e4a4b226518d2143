"""Growing sign-in delays, shared by every app server through the database.

Schools share one IP address, so card sign-in is throttled per class code and per card,
never per IP; a classmate can lock a card for a few minutes at most and the teacher can
unlock it at once. Staff sign-in is throttled per account and per IP.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, delete, or_, select, update
from sqlalchemy.orm import Session

from ..models import SignInThrottle, utcnow
from .upsert import InsertUnlessPresent


@dataclass(frozen=True)
class Rule:
    free_failures: int  # failures allowed before the first delay
    base_seconds: int  # first delay; doubles with every further failure
    max_seconds: int
    quiet_reset: timedelta = timedelta(hours=1)  # failures are forgotten after this long


RULES: dict[str, Rule] = {
    "card": Rule(free_failures=3, base_seconds=30, max_seconds=300),
    "class": Rule(free_failures=25, base_seconds=30, max_seconds=600),
    "group": Rule(free_failures=25, base_seconds=30, max_seconds=600),
    "account": Rule(free_failures=5, base_seconds=60, max_seconds=3600),
    "ip": Rule(free_failures=30, base_seconds=60, max_seconds=3600),
    "helper": Rule(free_failures=5, base_seconds=60, max_seconds=3600),  # guessing seniors' helper codes
    "quest": Rule(free_failures=5, base_seconds=60, max_seconds=900),  # guessing class quest codes
    "lesson_step": Rule(free_failures=10, base_seconds=1, max_seconds=1),  # a script answering a course step
}


def seconds_locked(session: Session, keys: list[tuple[str, str]], now: datetime | None = None) -> int:
    """Seconds left on the longest lock among ``keys`` (scope, key); 0 when none is locked."""
    now = now or utcnow()
    remaining = 0
    for row in _rows(session, keys):
        if row.locked_until and row.locked_until > now:
            remaining = max(remaining, int((row.locked_until - now).total_seconds()) + 1)
    return remaining


def record_failure(session: Session, keys: list[tuple[str, str]], now: datetime | None = None) -> int:
    """Count a failed attempt against every key; returns the longest resulting delay.

    Safe under concurrent attempts: the row is created once (a racing insert falls back to
    the winner's row) and the count is raised in SQL, so no attempt is lost.
    """
    now = now or utcnow()
    longest = 0
    for scope, key in keys:
        rule = RULES[scope]
        row_id = _row_id(session, scope, key, now)
        quiet_since = now - rule.quiet_reset
        session.execute(
            update(SignInThrottle)
            .where(SignInThrottle.id == row_id)
            .values(
                failures=case((SignInThrottle.last_failure_at < quiet_since, 1),
                              else_=SignInThrottle.failures + 1),
                last_failure_at=now,
            )
        )
        failures = session.scalar(select(SignInThrottle.failures).where(SignInThrottle.id == row_id)) or 0
        if failures >= rule.free_failures:
            delay = min(rule.base_seconds * 2 ** (failures - rule.free_failures), rule.max_seconds)
            session.execute(
                update(SignInThrottle).where(SignInThrottle.id == row_id)
                .values(locked_until=now + timedelta(seconds=delay))
            )
            longest = max(longest, delay)
    session.expire_all()
    return longest


_NEW_ROW = InsertUnlessPresent(SignInThrottle, ["scope", "key"])


def _row_id(session: Session, scope: str, key: str, now: datetime) -> int:
    """The id of the (scope, key) row, creating it with no failures if needed."""
    condition = (SignInThrottle.scope == scope) & (SignInThrottle.key == key)
    row_id = session.scalar(select(SignInThrottle.id).where(condition))
    if row_id is None:  # a racing request may create it at the same moment
        _NEW_ROW(session, {"scope": scope, "key": key, "failures": 0, "last_failure_at": now})
        row_id = session.scalars(select(SignInThrottle.id).where(condition)).one()
    return row_id


def clear(session: Session, keys: list[tuple[str, str]]) -> None:
    """Forget failures, e.g. for a card after a correct sign-in."""
    for scope, key in keys:
        session.execute(
            delete(SignInThrottle).where(SignInThrottle.scope == scope, SignInThrottle.key == key)
        )


def unlock_code(session: Session, scope: str, code: str) -> int:
    """Teacher/trainer unlock: clear the class or group lock and every card lock in it."""
    result = session.execute(
        delete(SignInThrottle).where(
            ((SignInThrottle.scope == scope) & (SignInThrottle.key == code))
            | ((SignInThrottle.scope == "card") & SignInThrottle.key.startswith(f"{code}:"))
        )
    )
    return result.rowcount or 0


def locked_keys(session: Session, scope: str, now: datetime | None = None) -> list[str]:
    """The keys of ``scope`` locked right now (e.g. the e-mail addresses of locked staff accounts)."""
    now = now or utcnow()
    return list(session.scalars(select(SignInThrottle.key).where(SignInThrottle.scope == scope,
                                                                 SignInThrottle.locked_until > now)))


def locked_cards(session: Session, code: str, now: datetime | None = None) -> int:
    """How many cards of a class or group are locked right now (for the teacher's page)."""
    now = now or utcnow()
    rows = session.scalars(
        select(SignInThrottle).where(
            SignInThrottle.scope == "card",
            SignInThrottle.key.startswith(f"{code}:"),
            SignInThrottle.locked_until > now,
        )
    )
    return len(list(rows))


def _rows(session: Session, keys: list[tuple[str, str]]) -> list[SignInThrottle]:
    if not keys:
        return []
    clauses = [(SignInThrottle.scope == scope) & (SignInThrottle.key == key) for scope, key in keys]
    return list(session.scalars(select(SignInThrottle).where(or_(*clauses))))

"""Badges earned, weeks of activity, and the Open Badges assertions hosted for learners (DESIGN §4).

A badge is awarded once per person (unique indexes, so concurrent events cannot award it twice);
``exclusive_key`` makes a badge unique within a scope too, e.g. "first in the class".
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import utcnow

ONE_PERSON = "(agent_id IS NULL) <> (learner_id IS NULL)"


def _unique_per_person(table: str, *columns: str) -> tuple[Index, Index]:
    return tuple(  # type: ignore[return-value]
        Index(f"uq_{table}_{person}", person, *columns, unique=True,
              sqlite_where=text(f"{person} IS NOT NULL"), postgresql_where=text(f"{person} IS NOT NULL"))
        for person in ("agent_id", "learner_id"))


class BadgeAward(db.Model):
    __tablename__ = "badge_awards"
    __table_args__ = (
        CheckConstraint(ONE_PERSON, name="one_person"),
        *_unique_per_person("badge_awards", "badge_id"),
        Index("uq_badge_awards_exclusive", "badge_id", "exclusive_key", unique=True,
              sqlite_where=text("exclusive_key IS NOT NULL"), postgresql_where=text("exclusive_key IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    learner_id: Mapped[int | None] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    badge_id: Mapped[str] = mapped_column(String(60), index=True)
    exclusive_key: Mapped[str | None] = mapped_column(String(60))
    awarded_at: Mapped[datetime] = mapped_column(default=utcnow)
    seen_at: Mapped[datetime | None]  # the celebration was closed


class ActiveWeek(db.Model):
    """A week (its Monday) in which the person answered at least one step."""

    __tablename__ = "active_weeks"
    __table_args__ = (CheckConstraint(ONE_PERSON, name="one_person"), *_unique_per_person("active_weeks", "week_of"))

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    learner_id: Mapped[int | None] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    week_of: Mapped[date] = mapped_column(Date)


class BadgeAssertion(db.Model):
    """A hosted Open Badges 2.0 assertion of a learner's badge; the recipient is a salted hash."""

    __tablename__ = "badge_assertions"

    id: Mapped[int] = mapped_column(primary_key=True)
    award_id: Mapped[int] = mapped_column(ForeignKey("badge_awards.id", ondelete="CASCADE"), unique=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)  # random, in the public URL
    salt: Mapped[str] = mapped_column(String(64))
    identity_hash: Mapped[str] = mapped_column(String(80))  # "sha256$" + hex digest
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)

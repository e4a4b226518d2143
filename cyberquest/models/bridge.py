"""The bridge between seniors and children: a senior's helper code confirms a child's offline task.

Only the fact of a confirmation is stored, never who the senior is to the child.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import utcnow


class HelperCode(db.Model):
    __tablename__ = "helper_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id"), index=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]


class HelperConfirmation(db.Model):
    """A child entered a senior's code for an offline mission; ``confirmed_at`` once the senior agrees."""

    __tablename__ = "helper_confirmations"
    __table_args__ = (UniqueConstraint("agent_id", "season_id", "mission_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    helper_code_id: Mapped[int] = mapped_column(ForeignKey("helper_codes.id"), index=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("seasons.id"))
    mission_id: Mapped[str] = mapped_column(String(60))
    entered_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]

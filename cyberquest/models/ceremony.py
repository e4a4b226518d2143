"""Ceremony consent: a parent agreed that their child may be invited and named (DESIGN §6–§7).

Consent is separate from qualifying. Who recorded it, and when, is kept; withdrawing removes the
name but keeps that record.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import utcnow


class CeremonyConsent(db.Model):
    __tablename__ = "ceremony_consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), unique=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("seasons.id"), index=True)
    display_name: Mapped[str | None] = mapped_column(String(60))  # first name + initial; None once withdrawn
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None]
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))

    @property
    def is_given(self) -> bool:
        return self.withdrawn_at is None and self.display_name is not None

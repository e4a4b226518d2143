"""A season is one school year (1 August – 31 July), with its own core missions."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class Season(db.Model):
    __tablename__ = "seasons"
    __table_args__ = (
        CheckConstraint("starts_on < ends_on", name="dates_in_order"),
        CheckConstraint("cutoff_on >= starts_on AND cutoff_on <= ends_on", name="cutoff_inside"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(9), unique=True)  # e.g. "2026-2027"
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    cutoff_on: Mapped[date] = mapped_column(Date)
    # Mission ids that are core this season; None means "the missions marked core = true".
    core_missions: Mapped[list[str] | None] = mapped_column(JSON)
    archived_at: Mapped[datetime | None]  # archiving erases the season's consented names

    def contains(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

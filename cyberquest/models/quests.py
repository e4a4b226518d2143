"""Class quests: the code a teacher's class gets after playing a quest together on the smartboard."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import utcnow


class ClassQuestCode(db.Model):
    """Valid for one class, one quest and one day; each child redeems it once (the XP ledger's key)."""

    __tablename__ = "class_quest_codes"
    __table_args__ = (UniqueConstraint("class_id", "mission_id", "valid_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    mission_id: Mapped[str] = mapped_column(String(60))
    code: Mapped[str] = mapped_column(String(12), unique=True)
    valid_on: Mapped[date] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

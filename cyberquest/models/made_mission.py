"""A mission a child built in the Level Maker (DESIGN §3 format), and what happened to it.

Children's free text is shown to other children only once a teacher approved it (DESIGN §7);
``content`` holds the mission in the structure of a ``modules/`` file, plain strings for texts.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import utcnow
from .groups import SchoolClass

MADE_STATUSES = ("draft", "submitted", "returned", "approved", "rejected")


class MadeMission(db.Model):
    __tablename__ = "made_missions"

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id"), index=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("seasons.id"))
    status: Mapped[str] = mapped_column(String(10), default="draft")
    content: Mapped[dict] = mapped_column(JSON)  # title, intro, tip, steps: as in a modules/ file
    flags: Mapped[list | None] = mapped_column(JSON)  # what the word filter found when it was submitted
    remark: Mapped[str | None] = mapped_column(String(20))  # the teacher's standard remark
    remark_text: Mapped[str | None] = mapped_column(String(300))
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime | None]
    reviewed_at: Mapped[datetime | None]
    promoted_at: Mapped[datetime | None]  # shared with the whole municipality by its coordinator
    promoted_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    school_class: Mapped[SchoolClass] = relationship()

    @property
    def mission_id(self) -> str:
        """The id it is played and stored under in the progress tables and the ledger."""
        return f"gemaakt-{self.id}"

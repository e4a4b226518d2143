"""Play progress and the single XP ledger (DESIGN §4).

Every XP point lives in ``xp_ledger``; its unique key (person, season, source type, source id,
step) makes a repeated or concurrent submission count once, and every board is a sum over it.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import one_of, utcnow

SOURCE_TYPES = ("mission", "course", "class_quest", "made_mission", "offline")
MISSION_DONE = "#done"  # the step key of a mission's completion bonus
DONE_IN_CLASS = ("offline", "class_quest")  # ledger entries of a task in the real world and of a class quest
_IS_DONE_IN_CLASS = text("source_type IN ({})".format(", ".join(f"'{kind}'" for kind in DONE_IN_CLASS)))


class XpEntry(db.Model):
    __tablename__ = "xp_ledger"
    __table_args__ = (
        one_of("source_type", SOURCE_TYPES, "source_type"),
        CheckConstraint("(agent_id IS NULL) <> (learner_id IS NULL)", name="one_person"),
        Index("uq_xp_ledger_agent_entry", "agent_id", "season_id", "source_type", "source_id", "step_key",
              unique=True, sqlite_where=text("agent_id IS NOT NULL"),
              postgresql_where=text("agent_id IS NOT NULL")),
        Index("uq_xp_ledger_learner_entry", "learner_id", "season_id", "source_type", "source_id", "step_key",
              unique=True, sqlite_where=text("learner_id IS NOT NULL"),
              postgresql_where=text("learner_id IS NOT NULL")),
        # Boards sum XP per agent from this index alone, without reading the ledger's rows.
        Index("ix_xp_ledger_agent_totals", "agent_id", "season_id", "xp"),
        # Boards read every agent's tasks done in class, which few agents have: a small index of those alone.
        Index("ix_xp_ledger_done_in_class", "season_id", "agent_id", sqlite_where=_IS_DONE_IN_CLASS,
              postgresql_where=_IS_DONE_IN_CLASS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    learner_id: Mapped[int | None] = mapped_column(ForeignKey("learners.id"))
    season_id: Mapped[int] = mapped_column(ForeignKey("seasons.id"), index=True)
    source_type: Mapped[str] = mapped_column(String(16))
    source_id: Mapped[str] = mapped_column(String(60))
    step_key: Mapped[str] = mapped_column(String(60))
    xp: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MissionProgress(db.Model):
    """Where an agent is in a mission this season; ``finished_at`` once the last step is done."""

    __tablename__ = "mission_progress"
    __table_args__ = (UniqueConstraint("agent_id", "season_id", "mission_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("seasons.id"))
    mission_id: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(default=0)  # index of the step to show next
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]


class StepResult(db.Model):
    """Tries on one step; ``solved_at`` once answered right (XP is then in the ledger)."""

    __tablename__ = "step_results"
    __table_args__ = (UniqueConstraint("agent_id", "season_id", "mission_id", "step_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("seasons.id"))
    mission_id: Mapped[str] = mapped_column(String(60))
    step_key: Mapped[str] = mapped_column(String(60))
    tries: Mapped[int] = mapped_column(default=0)
    hint_used: Mapped[bool] = mapped_column(default=False)
    solved_at: Mapped[datetime | None]
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)

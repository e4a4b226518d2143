"""Per-scope versions of the leaderboard figures: raised in the same transaction as new XP."""
from __future__ import annotations

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class BoardVersion(db.Model):
    """Raised whenever XP is earned by an agent of this municipality in this season."""

    __tablename__ = "board_versions"
    __table_args__ = (UniqueConstraint("season_id", "municipality_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("seasons.id"))
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"))
    version: Mapped[int] = mapped_column(default=0)

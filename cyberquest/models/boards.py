"""Per-scope versions of the leaderboard figures (raised in the same transaction as new XP), and the boards
last computed from them."""
from __future__ import annotations

from sqlalchemy import Float, ForeignKey, String, Text, UniqueConstraint
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


class BoardSnapshot(db.Model):
    """A board's rows as last computed by any worker process, with the versions they were computed from, so
    the other processes need not compute them again. Only what a board shows: places and counts, never a
    child."""

    __tablename__ = "board_snapshots"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    signature: Mapped[str] = mapped_column(Text)  # the board versions, as JSON
    computed_at: Mapped[float] = mapped_column(Float)  # seconds since the epoch
    fresh_until: Mapped[float] = mapped_column(Float)
    rows: Mapped[str] = mapped_column(Text)  # JSON

"""A ceremony of a season: where and when, how sessions run, which municipalities and mayors take part."""
from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import JSON, Date, Float, ForeignKey, String, Time, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import utcnow
from .season import Season


class Ceremony(db.Model):
    __tablename__ = "ceremonies"

    id: Mapped[int] = mapped_column(primary_key=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("seasons.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    held_on: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[time] = mapped_column(Time)
    venue_name: Mapped[str] = mapped_column(String(120))
    venue_address: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[int]  # children per session
    minutes_per_child: Mapped[float] = mapped_column(Float, default=1)  # 0.5: children cross the stage quickly
    minutes_per_mayor: Mapped[int] = mapped_column(default=5)
    break_minutes: Mapped[int] = mapped_column(default=20)
    municipality_ids: Mapped[list[int]] = mapped_column(JSON)
    mayors: Mapped[dict[str, str]] = mapped_column(JSON)  # municipality id (as text) -> mayor or stand-in
    saved_schedule: Mapped[dict | None] = mapped_column(JSON)  # the last schedule saved with --save
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    season: Mapped[Season] = relationship()


class CeremonyJob(db.Model):
    """A pack being generated in the background for the admin's button; its status page reads this."""

    __tablename__ = "ceremony_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    ceremony_id: Mapped[int] = mapped_column(ForeignKey("ceremonies.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="queued")  # queued, running, done, failed
    folder: Mapped[str | None] = mapped_column(String(300))
    message: Mapped[str | None] = mapped_column(String(300))
    language: Mapped[str] = mapped_column(String(2), default="nl", server_default="nl")
    save: Mapped[bool] = mapped_column(default=False, server_default=false())  # keep the running order
    changes: Mapped[list | None] = mapped_column(JSON)  # since the saved running order, per school, no names
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]

"""Shared column helpers for the typed models."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Boolean, CheckConstraint, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column


def utcnow() -> datetime:
    """Naive UTC timestamp: stored the same way on SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)


def one_of(column: str, values: tuple[str, ...], name: str) -> CheckConstraint:
    """A CHECK constraint keeping a text column to a fixed set of values."""
    quoted = ", ".join(f"'{value}'" for value in values)
    return CheckConstraint(f"{column} IN ({quoted})", name=name)


TEXT_SIZES = ("normal", "large", "xlarge")


class DisplayPreferences:
    """Per-person display settings that follow the person from device to device."""

    text_size: Mapped[str] = mapped_column(String(10), default="normal", server_default="normal")
    high_contrast: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    locale: Mapped[str | None] = mapped_column(String(5))
    # Raised whenever a PIN or password changes: older sessions stop working.
    login_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

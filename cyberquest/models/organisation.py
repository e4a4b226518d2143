"""The region, its municipalities, and the schools and libraries in them."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import one_of

REGION_PARTS = ("Zuid", "Midden", "Noord")


class Region(db.Model):
    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)

    municipalities: Mapped[list[Municipality]] = relationship(
        back_populates="region", order_by="Municipality.name"
    )


class Municipality(db.Model):
    __tablename__ = "municipalities"
    __table_args__ = (one_of("region_part", REGION_PARTS, "region_part"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    region_part: Mapped[str] = mapped_column(String(10))
    joined_on: Mapped[date | None] = mapped_column(Date)
    mayor_name: Mapped[str | None] = mapped_column(String(120))
    children_8_12: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    children_source: Mapped[str | None] = mapped_column(String(120))  # where the figure comes from, e.g. CBS
    children_year: Mapped[int | None] = mapped_column(Integer)  # the year the figure is about

    region: Mapped[Region] = relationship(back_populates="municipalities")
    schools: Mapped[list[School]] = relationship(
        back_populates="municipality", order_by="School.name"
    )
    libraries: Mapped[list[Library]] = relationship(
        back_populates="municipality", order_by="Library.name"
    )


class School(db.Model):
    __tablename__ = "schools"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    place: Mapped[str | None] = mapped_column(String(80))

    municipality: Mapped[Municipality] = relationship(back_populates="schools")


class Library(db.Model):
    __tablename__ = "libraries"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    place: Mapped[str | None] = mapped_column(String(80))

    municipality: Mapped[Municipality] = relationship(back_populates="libraries")

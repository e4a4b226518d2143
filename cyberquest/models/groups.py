"""School classes (for agents) and library course groups (for learners)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Column, ForeignKey, String, Table, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import utcnow
from .organisation import Library, School
from .season import Season

class_teachers = Table(
    "class_teachers",
    db.metadata,
    Column("class_id", ForeignKey("classes.id", ondelete="CASCADE"), primary_key=True),
    Column("staff_id", ForeignKey("staff_users.id", ondelete="CASCADE"), primary_key=True),
)

group_trainers = Table(
    "group_trainers",
    db.metadata,
    Column("group_id", ForeignKey("course_groups.id", ondelete="CASCADE"), primary_key=True),
    Column("staff_id", ForeignKey("staff_users.id", ondelete="CASCADE"), primary_key=True),
)


class SchoolClass(db.Model):
    __tablename__ = "classes"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("seasons.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    class_code: Mapped[str] = mapped_column(String(12), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]  # a closed class's cards stop working until it is reopened
    # Missions the teacher put first on the children's map, in order.
    assigned_missions: Mapped[list[str] | None] = mapped_column(JSON)
    board_hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # the class board

    school: Mapped[School] = relationship()
    season: Mapped[Season] = relationship()
    teachers: Mapped[list["StaffUser"]] = relationship(  # noqa: F821
        secondary=class_teachers, back_populates="classes", order_by="StaffUser.name"
    )
    # Not a column: the signed-in person's id when they teach the class, read along with it by the class's pages
    # (web/teacher.OWN_CLASS), so that the ownership check needs no statement for the teachers; None when not
    # read or not one of its teachers.
    taught_by_viewer = None
    # The class's children; the anonymous placeholder of erased children is left out.
    agents: Mapped[list["Agent"]] = relationship(  # noqa: F821
        primaryjoin="and_(SchoolClass.id == Agent.class_id, Agent.is_placeholder.is_(False))",
        order_by="Agent.agent_name", viewonly=True,
    )


class CourseGroup(db.Model):
    __tablename__ = "course_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    library_id: Mapped[int] = mapped_column(ForeignKey("libraries.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    group_code: Mapped[str] = mapped_column(String(12), unique=True)
    meeting: Mapped[str | None] = mapped_column(String(80))  # e.g. "dinsdag 10.00–11.30 uur"
    # The courses the group follows, in order; a learner's own route overrides it.
    course_ids: Mapped[list[str] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    library: Mapped[Library] = relationship()
    trainers: Mapped[list["StaffUser"]] = relationship(  # noqa: F821
        secondary=group_trainers, back_populates="course_groups", order_by="StaffUser.name"
    )
    learners: Mapped[list["Learner"]] = relationship(  # noqa: F821
        back_populates="group", order_by="Learner.first_name"
    )

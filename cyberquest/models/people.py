"""Everyone who signs in: staff, agents (children) and learners (seniors).

Children live in their own table with no e-mail, birth date or address columns (DESIGN §7).
"""
from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, Boolean, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import DisplayPreferences, one_of, utcnow
from .groups import CourseGroup, SchoolClass, class_teachers, group_trainers
from .organisation import Library, Municipality, School

STAFF_ROLES = ("teacher", "trainer", "coordinator", "admin")
SECOND_FACTOR_ROLES = frozenset({"coordinator", "admin"})


class Person(UserMixin, DisplayPreferences):
    """What every signed-in person shares; ``kind`` prefixes the session id."""

    kind: str = ""
    id: Mapped[int]

    def get_id(self) -> str:
        return f"{self.kind}:{self.id}:{self.login_epoch}"

    @property
    def role(self) -> str:
        return self.kind


class CardHolder(Person):
    """Signs in with a printed login card: code + name + PIN, or the card's QR token."""

    pin_hash: Mapped[str] = mapped_column(String(255))
    card_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sign_in_at: Mapped[datetime | None]
    # Not columns, but known when loaded along with the signed-in person: whether badges wait to be celebrated
    # (True: not known, so look), and the Monday of a week the person is recorded as active in (None: not known).
    has_new_badges = True
    known_active_week = None


class StaffUser(Person, db.Model):
    __tablename__ = "staff_users"
    __table_args__ = (one_of("role", STAFF_ROLES, "role"),)
    kind = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-case
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(12))  # type: ignore[assignment]
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id"), index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"), index=True)
    library_id: Mapped[int | None] = mapped_column(ForeignKey("libraries.id"), index=True)
    approved_at: Mapped[datetime | None]
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_confirmed_at: Mapped[datetime | None]
    last_totp_step: Mapped[int | None]  # refuses a TOTP code that was already used
    # Only the demo seed sets this; real admin and coordinator accounts always use TOTP.
    skip_second_factor: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sign_in_at: Mapped[datetime | None]

    municipality: Mapped[Municipality | None] = relationship()
    school: Mapped[School | None] = relationship()
    library: Mapped[Library | None] = relationship()
    classes: Mapped[list[SchoolClass]] = relationship(
        secondary=class_teachers, back_populates="teachers", order_by="SchoolClass.name"
    )
    course_groups: Mapped[list[CourseGroup]] = relationship(
        secondary=group_trainers, back_populates="trainers", order_by="CourseGroup.name"
    )

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @property
    def needs_second_factor(self) -> bool:
        return self.role in SECOND_FACTOR_ROLES and not self.skip_second_factor

    @property
    def home_municipality_id(self) -> int | None:
        """The municipality a staff member belongs to, through their school or library."""
        if self.municipality_id:
            return self.municipality_id
        if self.school:
            return self.school.municipality_id
        if self.library:
            return self.library.municipality_id
        return None


class Agent(CardHolder, db.Model):
    """A child. ``agent_name`` comes from the word generator, never free text."""

    __tablename__ = "agents"
    __table_args__ = (UniqueConstraint("class_id", "name_key"),)
    kind = "agent"

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id"), index=True)
    agent_name: Mapped[str] = mapped_column(String(60))
    name_key: Mapped[str] = mapped_column(String(60))  # normalised agent name for sign-in
    avatar: Mapped[str | None] = mapped_column(String(40))
    # The teacher's private note (a first name or an initial), seen only by the class's teachers (DESIGN §7).
    private_note: Mapped[str | None] = mapped_column(String(40))
    # The anonymous stand-in that keeps the XP of erased children in the class totals; never signs in.
    is_placeholder: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Not a column: on a page marked to read it along, the agent's progress in the page's mission, as
    # (season id, mission id, (progress, hinted steps)); None when not read (web/signed_in.py).
    known_progress = None

    school_class: Mapped[SchoolClass] = relationship()


class Learner(CardHolder, db.Model):
    """A senior in a library course group."""

    __tablename__ = "learners"
    __table_args__ = (UniqueConstraint("group_id", "name_key"),)
    kind = "learner"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("course_groups.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(60))
    name_key: Mapped[str] = mapped_column(String(60))
    email: Mapped[str | None] = mapped_column(String(254))  # optional, for the senior's own use
    # The trainer's learning route: course ids in order; None until the trainer sets one.
    route: Mapped[list[str] | None] = mapped_column(JSON)

    group: Mapped[CourseGroup] = relationship(back_populates="learners")

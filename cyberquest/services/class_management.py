"""Running a class through the year: notes, closing, colleagues, moving and merging children, next year.

Agents keep their XP and badges wherever they go: those belong to the agent, not to the class.
"""
from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..content import ContentPack
from ..models import (ActiveWeek, Agent, BadgeAward, CeremonyConsent, HelperConfirmation, MissionProgress,
                      SchoolClass, Season, StaffUser, StepResult, XpEntry, utcnow)
from . import audit

# A first name, or an initial, or both: "Sanne", "S.", "Sanne V." — never a full surname.
NOTE_NAME = re.compile(r"^(?:[^\W\d_]\.|[^\W\d_]+(?:[-'][^\W\d_]+)*(?: [^\W\d_]\.)?)$")


class ManageError(ValueError):
    """A change that cannot be made; the message is a short code for the view."""


def set_note(agent: Agent, typed: str) -> None:
    note = " ".join(typed.split())
    if note and (len(note) > 40 or not NOTE_NAME.match(note)):
        raise ManageError("bad_note")
    agent.private_note = note or None


def show_board(school_class: SchoolClass, shown: bool) -> None:
    school_class.board_hidden = not shown


def close(school_class: SchoolClass) -> None:
    school_class.closed_at = school_class.closed_at or utcnow()


def reopen(school_class: SchoolClass) -> None:
    school_class.closed_at = None


def colleagues(session: Session, school_class: SchoolClass) -> list[StaffUser]:
    """Approved teachers at the same school who do not teach this class yet."""
    current = {teacher.id for teacher in school_class.teachers}
    rows = session.scalars(select(StaffUser).where(StaffUser.school_id == school_class.school_id,
                                                   StaffUser.role == "teacher", StaffUser.approved_at.is_not(None))
                           .order_by(StaffUser.name))
    return [row for row in rows if row.id not in current]


def add_teacher(session: Session, school_class: SchoolClass, colleague_id: int) -> StaffUser:
    colleague = next((c for c in colleagues(session, school_class) if c.id == colleague_id), None)
    if colleague is None:
        raise ManageError("not_a_colleague")
    school_class.teachers.append(colleague)
    return colleague


def hand_over(session: Session, school_class: SchoolClass, teacher: StaffUser, colleague_id: int) -> StaffUser:
    """The colleague takes the class; the teacher who hands it over no longer sees it."""
    colleague = add_teacher(session, school_class, colleague_id)
    if teacher in school_class.teachers:
        school_class.teachers.remove(teacher)
    return colleague


def move_agent(session: Session, agent: Agent, target: SchoolClass) -> None:
    """Into another class of the same school; a child's name must be free there."""
    if target.id == agent.class_id or target.school_id != agent.school_class.school_id:
        raise ManageError("wrong_class")
    taken = session.scalar(select(Agent.id).where(Agent.class_id == target.id, Agent.name_key == agent.name_key))
    if taken is not None:
        raise ManageError("name_taken")
    agent.class_id = target.id
    session.flush()


def next_season(session: Session, school_class: SchoolClass) -> Season | None:
    return session.scalar(select(Season).where(Season.starts_on > school_class.season.starts_on)
                          .order_by(Season.starts_on))


def promote(session: Session, school_class: SchoolClass, new_name: str) -> Season:
    """The whole class moves up a year (group 7 → 8): same agents, cards, XP history and badges."""
    season = next_season(session, school_class)
    if season is None:
        raise ManageError("no_next_season")
    name = " ".join(new_name.split())
    if not 1 <= len(name) <= 60:
        raise ManageError("bad_name")
    school_class.season_id, school_class.name = season.id, name
    school_class.assigned_missions = None
    session.flush()
    return season


def assign_missions(school_class: SchoolClass, mission_ids: list[str], pack: ContentPack) -> None:
    """Missions shown first on the children's map, in the order given (class quests cannot be assigned)."""
    chosen = [m for m in dict.fromkeys(mission_ids) if m in pack.missions and not pack.missions[m].class_quest]
    if len(chosen) != len(set(mission_ids)):
        raise ManageError("unknown_mission")
    school_class.assigned_missions = chosen or None


# Per table: the columns that, with the agent, make a row unique. A duplicate's row moves to the
# agent that stays unless that agent already has the same row.
MERGE_KEYS: dict[type, tuple[str, ...]] = {
    XpEntry: ("season_id", "source_type", "source_id", "step_key"),
    MissionProgress: ("season_id", "mission_id"),
    StepResult: ("season_id", "mission_id", "step_key"),
    BadgeAward: ("badge_id",),
    ActiveWeek: ("week_of",),
    HelperConfirmation: ("season_id", "mission_id"),
    CeremonyConsent: (),
}


def _further(row: MissionProgress, other: MissionProgress) -> bool:
    """Whether ``row`` got further in the mission than ``other``."""
    return (row.finished_at is not None, row.position) > (other.finished_at is not None, other.position)


def merge_agents(session: Session, keep: Agent, duplicate: Agent, actor_id: int | None) -> None:
    """One child with two cards: everything moves to ``keep``; XP for the same step counts once."""
    if keep.id == duplicate.id or keep.class_id != duplicate.class_id or duplicate.is_placeholder:
        raise ManageError("wrong_duplicate")
    for model, key in MERGE_KEYS.items():
        kept = {tuple(getattr(row, column) for column in key): row
                for row in session.scalars(select(model).where(model.agent_id == keep.id))}
        for row in session.scalars(select(model).where(model.agent_id == duplicate.id)).all():
            twin = kept.get(tuple(getattr(row, column) for column in key))
            if twin is None:
                row.agent_id = keep.id
                continue
            if model is MissionProgress and _further(row, twin):
                twin.position, twin.finished_at = row.position, row.finished_at
            session.delete(row)
        session.flush()
    session.delete(duplicate)
    audit.record(session, actor_id, "merge_agents", f"class:{keep.class_id}")
    session.flush()

"""Exports: class and group progress as CSV (agent names only), and one person's data as JSON."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..content import ContentPack, Course
from ..models import (ActiveWeek, Agent, BadgeAward, CeremonyConsent, HelperCode, HelperConfirmation, Learner, MadeMission,
                      LessonProgress, MissionProgress, StepResult, XpEntry)
from .class_progress import ClassProgress, MatrixAgent
from .csv_text import csv_text

CSV_STATES = {"new": "", "started": "started", "waiting": "waiting for confirmation", "done": "done",
              "perfect": "done without mistakes"}


def _day(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment else ""


def class_csv(progress: ClassProgress, pack: ContentPack, agents: list[MatrixAgent]) -> str:
    """One row per child (agent name, never a real name): each mission's state, totals, rank, last active."""
    header = ["agent", *[mission.id for mission in progress.missions], "missions_done", "xp", "rank",
              "last_active", "qualified"]
    rows = [header]
    for agent in agents:
        rank = progress.rank(agent.id, pack)
        rows.append([agent.agent_name,
                     *[CSV_STATES[progress.state(agent.id, mission.id)] for mission in progress.missions],
                     progress.done_count(agent.id), progress.xp.get(agent.id, 0), rank.title.nl if rank else "",
                     _day(progress.last_active[agent.id]),
                     "yes" if progress.qualification[agent.id].qualified else "no"])
    return csv_text(rows)


def group_csv(learners: list[Learner], lessons: list[tuple[Course, Any]], states: dict) -> str:
    """One row per learner (first name as entered): each lesson not started / started / done."""
    header = ["participant", *[f"{course.id}/{lesson.id}" for course, lesson in lessons], "lessons_done"]
    rows = [header]
    for learner in learners:
        cells = [states.get((learner.id, course.id, lesson.id), "new") for course, lesson in lessons]
        rows.append([learner.first_name, *[CSV_STATES[cell] for cell in cells], cells.count("done")])
    return csv_text(rows)


def _value(item: Any) -> Any:
    return item.isoformat() if isinstance(item, (date, datetime)) else item


def _rows(session: Session, model: type, condition, fields: tuple[str, ...]) -> list[dict]:
    return [{name: _value(getattr(row, name)) for name in fields} for row in session.scalars(select(model).where(condition))]


def agent_data(session: Session, agent: Agent) -> dict:
    """Everything stored about one child, for the parents' right of access."""
    return {
        "agent": {"agent_name": agent.agent_name, "class": agent.school_class.name,
                  "school": agent.school_class.school.name, "avatar": agent.avatar,
                  "created_at": agent.created_at.isoformat(),
                  "last_sign_in_at": agent.last_sign_in_at.isoformat() if agent.last_sign_in_at else None,
                  "text_size": agent.text_size, "high_contrast": agent.high_contrast, "language": agent.locale},
        "missions": _rows(session, MissionProgress, MissionProgress.agent_id == agent.id,
                          ("mission_id", "position", "started_at", "finished_at")),
        "answers": _rows(session, StepResult, StepResult.agent_id == agent.id,
                         ("mission_id", "step_key", "tries", "hint_used", "solved_at")),
        "xp": _rows(session, XpEntry, XpEntry.agent_id == agent.id,
                    ("source_type", "source_id", "step_key", "xp", "created_at")),
        "badges": _rows(session, BadgeAward, BadgeAward.agent_id == agent.id, ("badge_id", "awarded_at")),
        "active_weeks": _rows(session, ActiveWeek, ActiveWeek.agent_id == agent.id, ("week_of",)),
        "helped_seniors": _rows(session, HelperConfirmation, HelperConfirmation.agent_id == agent.id,
                                ("mission_id", "entered_at", "confirmed_at")),
        "ceremony_consent": _rows(session, CeremonyConsent, CeremonyConsent.agent_id == agent.id,
                                  ("display_name", "recorded_at", "withdrawn_at")),
        "made_missions": _rows(session, MadeMission, MadeMission.agent_id == agent.id,
                               ("status", "content", "remark", "remark_text", "created_at", "submitted_at")),
    }


def learner_data(session: Session, learner: Learner) -> dict:
    """Everything stored about one learner."""
    return {
        "learner": {"first_name": learner.first_name, "email": learner.email, "group": learner.group.name,
                    "library": learner.group.library.name, "route": learner.route,
                    "created_at": learner.created_at.isoformat(),
                    "last_sign_in_at": learner.last_sign_in_at.isoformat() if learner.last_sign_in_at else None,
                    "text_size": learner.text_size, "high_contrast": learner.high_contrast,
                    "language": learner.locale},
        "lessons": _rows(session, LessonProgress, LessonProgress.learner_id == learner.id,
                         ("course_id", "lesson_id", "position", "started_at", "finished_at")),
        "badges": _rows(session, BadgeAward, BadgeAward.learner_id == learner.id, ("badge_id", "awarded_at")),
        "active_weeks": _rows(session, ActiveWeek, ActiveWeek.learner_id == learner.id, ("week_of",)),
        "helper_codes": _rows(session, HelperCode, HelperCode.learner_id == learner.id,
                              ("code", "created_at", "expires_at")),
    }

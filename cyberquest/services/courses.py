"""Following a course: one step at a time, unlimited retries, no points, resume anywhere.

Unlimited, but not at a script's pace: after ten wrong answers at one step, an answer less than a second
after the last wrong one is refused (``TooFast``) and checks nothing. No person answers that fast, so a
senior never meets it; the count lives with the sign-in throttles, shared by every worker.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..content import Course, Lesson, Step
from ..content.kinds import StepKind
from ..models import LessonProgress, utcnow
from . import throttle
from .upsert import InsertUnlessPresent


class CourseError(ValueError):
    """A step that cannot be answered now (not reached yet, or unknown)."""


class TooFast(RuntimeError):
    """Many wrong answers at one step, the next coming faster than a person types: nothing is checked."""


_START = InsertUnlessPresent(LessonProgress, ["learner_id", "course_id", "lesson_id"])


def progress(session: Session, learner_id: int, course_id: str, lesson_id: str) -> LessonProgress:
    keys = {"learner_id": learner_id, "course_id": course_id, "lesson_id": lesson_id}
    now = utcnow()
    _START(session, {**keys, "position": 0, "started_at": now, "updated_at": now})
    return session.scalars(select(LessonProgress).filter_by(**keys)).one()


def progress_by_lesson(session: Session, learner_id: int, course_id: str) -> dict[str, LessonProgress]:
    rows = session.scalars(select(LessonProgress).filter_by(learner_id=learner_id, course_id=course_id))
    return {row.lesson_id: row for row in rows}


def finished_at(course: Course, states: dict[str, LessonProgress]) -> datetime | None:
    """When the last lesson of the course was finished; None while any lesson is open."""
    moments = [states[lesson.id].finished_at if lesson.id in states else None for lesson in course.lessons]
    return None if not moments or None in moments else max(moments)  # type: ignore[type-var]


def finished_courses(session: Session, learner_id: int, pack_courses: dict[str, Course]) -> dict[str, datetime]:
    """Every course the learner has finished, with the moment it was finished."""
    return _finished(session.scalars(select(LessonProgress).filter_by(learner_id=learner_id)), pack_courses)


def courses_finished_by(session: Session, learner_ids, pack_courses: dict[str, Course]) -> dict[int, dict[str, datetime]]:
    """``finished_courses`` for many learners in one query (``learner_ids``: a list or a subquery)."""
    rows: dict[int, list[LessonProgress]] = {}
    for row in session.scalars(select(LessonProgress).where(LessonProgress.learner_id.in_(learner_ids))):
        rows.setdefault(row.learner_id, []).append(row)
    return {learner_id: _finished(states, pack_courses) for learner_id, states in rows.items()}


def _finished(rows, pack_courses: dict[str, Course]) -> dict[str, datetime]:
    by_course: dict[str, dict[str, LessonProgress]] = {}
    for row in rows:
        by_course.setdefault(row.course_id, {})[row.lesson_id] = row
    done = {}
    for course_id, states in by_course.items():
        course = pack_courses.get(course_id)
        moment = finished_at(course, states) if course else None
        if moment is not None:
            done[course_id] = moment
    return done


def _index(lesson: Lesson, step_key: str, state: LessonProgress) -> int:
    for index, step in enumerate(lesson.steps):
        if step.key == step_key:
            if index > state.position:
                raise CourseError("not_yet")
            return index
    raise CourseError("no_such_step")


def _advance(session: Session, lesson: Lesson, state: LessonProgress, index: int) -> None:
    """Past step ``index``; only the first time (a second tab or the back button changes nothing)."""
    session.execute(update(LessonProgress)
                    .where(LessonProgress.id == state.id, LessonProgress.position == index)
                    .values(position=index + 1, updated_at=utcnow()))
    session.refresh(state)
    if state.position >= len(lesson.steps) and state.finished_at is None:
        state.finished_at = utcnow()


def answer(session: Session, kinds: dict[str, StepKind], learner_id: int, course: Course, lesson: Lesson,
           step_key: str, given: Any) -> bool:
    """Check an answer; a right answer to the current step moves the learner on."""
    state = progress(session, learner_id, course.id, lesson.id)
    index = _index(lesson, step_key, state)
    step: Step = lesson.steps[index]
    if not kinds[step.kind].scored:
        raise CourseError("not_scored")
    tries = [("lesson_step", f"{learner_id}:{course.id}:{lesson.id}:{step.key}")]
    if throttle.seconds_locked(session, tries):
        raise TooFast()
    right = kinds[step.kind].is_right(step.data, given)
    if right:
        _advance(session, lesson, state, index)
    else:
        throttle.record_failure(session, tries)
    return right


def go_on(session: Session, kinds: dict[str, StepKind], learner_id: int, course: Course, lesson: Lesson,
          step_key: str) -> None:
    """Past an explanation (info) or a real-world task."""
    state = progress(session, learner_id, course.id, lesson.id)
    index = _index(lesson, step_key, state)
    if kinds[lesson.steps[index].kind].scored:
        raise CourseError("needs_answer")
    _advance(session, lesson, state, index)


def lessons_done(session: Session, learner_id: int, pack_courses: dict[str, Course]) -> dict[str, int]:
    """Per course id: how many of its lessons the learner has finished (for the trainer)."""
    done: dict[str, int] = {}
    for row in session.scalars(select(LessonProgress).filter_by(learner_id=learner_id)
                               .where(LessonProgress.finished_at.is_not(None))):
        if row.course_id in pack_courses:
            done[row.course_id] = done.get(row.course_id, 0) + 1
    return done


def route_for(learner, pack_courses: dict[str, Course]) -> list[Course]:
    """The learner's courses in order: their own route, else their group's courses, else all."""
    for route in (learner.route, learner.group.course_ids):
        if route is not None:
            return [pack_courses[course_id] for course_id in route if course_id in pack_courses]
    return all_courses(pack_courses)


def lesson_overview(session: Session, learner, pack_courses: dict[str, Course]) -> list[tuple[Course, list]]:
    """Per course of the learner's route: each lesson with its progress row (or None)."""
    overview = []
    for course in route_for(learner, pack_courses):
        states = progress_by_lesson(session, learner.id, course.id)
        overview.append((course, [(lesson, states.get(lesson.id)) for lesson in course.lessons]))
    return overview


def all_courses(pack_courses: dict[str, Course]) -> list[Course]:
    """Every course, by Dutch title."""
    return sorted(pack_courses.values(), key=lambda course: course.title.nl)


def set_route(learner, places: dict[str, int | None], pack_courses: dict[str, Course]) -> list[str]:
    """Save a route from chosen places (1, 2, …; None leaves a course out)."""
    unknown = set(places) - set(pack_courses)
    if unknown:
        raise ValueError("unknown_course")
    chosen = sorted((place, course_id) for course_id, place in places.items() if place)
    learner.route = [course_id for _place, course_id in chosen]
    return learner.route

"""A course group's progress at a glance: participants × lessons, in two queries."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..content import ContentPack, Course, Lesson
from ..models import CourseGroup, Learner, LessonProgress
from .courses import all_courses


@dataclass(frozen=True)
class GroupProgress:
    learners: list[Learner]
    lessons: list[tuple[Course, Lesson]]
    states: dict[tuple[int, str, str], str]  # (learner, course, lesson) -> "started" or "done"

    def state(self, learner_id: int, course_id: str, lesson_id: str) -> str:
        return self.states.get((learner_id, course_id, lesson_id), "new")

    def done_count(self, learner_id: int) -> int:
        return sum(self.state(learner_id, c.id, l.id) == "done" for c, l in self.lessons)

    def column_done(self, course_id: str, lesson_id: str) -> int:
        return sum(self.state(learner.id, course_id, lesson_id) == "done" for learner in self.learners)

    def sorted_learners(self, sort: str) -> list[Learner]:
        """By first name, or most lessons done first."""
        if sort == "done":
            return sorted(self.learners, key=lambda learner: (-self.done_count(learner.id), learner.first_name.lower()))
        return self.learners


def load(session: Session, pack: ContentPack, group: CourseGroup) -> GroupProgress:
    chosen = group.course_ids
    courses = [pack.courses[c] for c in chosen if c in pack.courses] if chosen is not None else all_courses(pack.courses)
    learners = sorted(group.learners, key=lambda learner: learner.first_name.lower())
    lessons = [(course, lesson) for course in courses for lesson in course.lessons]
    states = {}
    ids = [learner.id for learner in learners]
    if ids:
        for row in session.scalars(select(LessonProgress).where(LessonProgress.learner_id.in_(ids))):
            states[(row.learner_id, row.course_id, row.lesson_id)] = "done" if row.finished_at else "started"
    return GroupProgress(learners, lessons, states)

"""Believable play progress for the demo agents, written through the real scoring service.

Each agent gets a deterministic amount of play: some finished everything, some are halfway,
some have not started. Answers are right (sometimes after a hint), so XP follows the rules.
"""
from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cyberquest.content import ContentPack, Mission, Step
from cyberquest.content.kinds import StepKind
from cyberquest.models import Agent, CourseGroup, Learner, LessonProgress, SchoolClass, Season
from cyberquest.services import courses, play

DEMO_PASSPHRASE = "paarse olifant fietst naar Venlo"


def right_answer(step: Step) -> Any:
    data = step.data
    return {
        "choice": lambda: set(data["answer"]),
        "truefalse": lambda: data["answer"],
        "hotspot": lambda: {i for i, part in enumerate(data["parts"]) if part["suspicious"]},
        "sort": lambda: {i: item["category"] for i, item in enumerate(data["items"])},
        "order": lambda: list(range(len(data["items"]))),
        "password": lambda: DEMO_PASSPHRASE,
    }[step.kind]()


def play_mission(session: Session, kinds: dict[str, StepKind], agent_id: int, season_id: int,
                 mission: Mission, steps: int, wants_hint: Callable[[], bool] = lambda: False) -> None:
    """Play the first ``steps`` steps of a mission right (all of them finishes it)."""
    for step in mission.steps[:steps]:
        if not kinds[step.kind].scored:
            play.go_on(session, kinds, agent_id, season_id, mission, step.key)
            continue
        if step.data.get("hint") and wants_hint():
            play.take_hint(session, agent_id, season_id, mission, step.key)
        play.answer(session, kinds, agent_id, season_id, mission, step.key, right_answer(step))


def seed_progress(session: Session, pack: ContentPack, kinds: dict[str, StepKind], season: Season,
                  class_codes: list[str], named_agent: str) -> None:
    missions = sorted(pack.missions.values(), key=lambda m: (m.track, m.order))
    online = [m for m in missions if m.played_alone]
    agents = session.scalars(select(Agent).join(SchoolClass).where(SchoolClass.class_code.in_(class_codes),
                                                                  SchoolClass.season_id == season.id))
    for agent in agents:
        if play.progress_by_mission(session, agent.id, season.id):
            continue  # this agent already has progress: seeding twice adds nothing
        rng = random.Random(f"{agent.school_class.class_code}:{agent.agent_name}")

        def wants_hint(rng: random.Random = rng) -> bool:
            return rng.random() < 0.25

        depth = 3 if agent.agent_name == named_agent else rng.choice([0, 1, 2, 3, 4, 5, len(online)])
        for mission in online[:depth]:
            play_mission(session, kinds, agent.id, season.id, mission, len(mission.steps), wants_hint)
        if depth < len(online) and depth and rng.random() < 0.5:  # halfway through the next one
            mission = online[depth]
            play_mission(session, kinds, agent.id, season.id, mission, len(mission.steps) // 2, wants_hint)
    session.flush()


def seed_learner_progress(session: Session, pack: ContentPack, kinds: dict[str, StepKind], group_code: str) -> None:
    """Demo seniors: some finished a course (certificate), some are halfway a lesson (resume)."""
    course_list = sorted(pack.courses.values(), key=lambda course: course.title.nl)
    if not course_list:
        return
    learners = session.scalars(select(Learner).join(CourseGroup).where(CourseGroup.group_code == group_code)
                               .order_by(Learner.first_name))
    for index, learner in enumerate(learners):
        if session.scalar(select(LessonProgress.id).filter_by(learner_id=learner.id)) is not None:
            continue  # seeding twice adds nothing
        course = course_list[index % len(course_list)]
        lessons = course.lessons if index % 3 == 0 else course.lessons[:1]
        for lesson in lessons:
            _follow(session, kinds, learner.id, course, lesson, len(lesson.steps))
        if index % 3 != 0 and len(course.lessons) > 1:  # halfway through the next lesson
            _follow(session, kinds, learner.id, course, course.lessons[1], len(course.lessons[1].steps) // 2)
    session.flush()


def _follow(session: Session, kinds: dict[str, StepKind], learner_id: int, course, lesson, steps: int) -> None:
    for step in lesson.steps[:steps]:
        if kinds[step.kind].scored:
            courses.answer(session, kinds, learner_id, course, lesson, step.key, right_answer(step))
        else:
            courses.go_on(session, kinds, learner_id, course, lesson, step.key)

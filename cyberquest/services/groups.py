"""Classes and course groups, and the people on their login cards."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Agent, CourseGroup, Learner, SchoolClass, Season, StaffUser
from . import throttle
from .accounts import issue_card
from .names import name_key, new_agent_name, new_code


@dataclass(frozen=True)
class NewCard:
    """A card's secrets in plain text, shown or printed once and never stored."""

    name: str
    pin: str
    token: str


def _unused_code(session: Session, column) -> str:
    while True:
        code = new_code()
        if session.scalar(select(column).where(column == code)) is None:
            return code


def create_class(session: Session, teacher: StaffUser, school_id: int, season: Season,
                 name: str, code: str | None = None) -> SchoolClass:
    school_class = SchoolClass(
        school_id=school_id, season_id=season.id, name=name.strip(),
        class_code=code or _unused_code(session, SchoolClass.class_code),
    )
    school_class.teachers.append(teacher)
    session.add(school_class)
    session.flush()
    return school_class


def create_group(session: Session, trainer: StaffUser, library_id: int, name: str,
                 code: str | None = None, meeting: str | None = None,
                 course_ids: list[str] | None = None) -> CourseGroup:
    group = CourseGroup(
        library_id=library_id, name=name.strip(), meeting=(meeting or "").strip() or None,
        course_ids=course_ids or None,
        group_code=code or _unused_code(session, CourseGroup.group_code),
    )
    group.trainers.append(trainer)
    session.add(group)
    session.flush()
    return group


def add_agents(session: Session, school_class: SchoolClass, count: int,
               profile: str = "standard") -> list[NewCard]:
    """Add ``count`` agents with generated names; returns their new cards."""
    taken = {agent.name_key for agent in school_class.agents}
    cards = []
    for _ in range(count):
        agent_name = new_agent_name(taken)
        taken.add(name_key(agent_name))
        agent = Agent(agent_name=agent_name, name_key=name_key(agent_name), school_class=school_class)
        pin, token = issue_card(agent, profile)
        session.add(agent)
        cards.append(NewCard(agent_name, pin, token))
    session.flush()
    return cards


def add_learner(session: Session, group: CourseGroup, first_name: str,
                profile: str = "standard") -> NewCard:
    first_name = " ".join(first_name.split())
    if any(learner.name_key == name_key(first_name) for learner in group.learners):
        raise ValueError("name_taken")
    learner = Learner(first_name=first_name, name_key=name_key(first_name), group=group,
                      text_size="large")  # seniors start with larger text; they can change it
    pin, token = issue_card(learner, profile)
    session.add(learner)
    session.flush()
    return NewCard(first_name, pin, token)


def replace_card(session: Session, person: Agent | Learner, profile: str = "standard") -> NewCard:
    """A lost card: new PIN and QR token; the old card and its sessions stop working,
    and any sign-in lock on the card is lifted."""
    pin, token = issue_card(person, profile)
    if isinstance(person, Agent):
        name, code = person.agent_name, person.school_class.class_code
    else:
        name, code = person.first_name, person.group.group_code
    throttle.clear(session, [("card", f"{code}:{person.name_key}")])
    session.flush()
    return NewCard(name, pin, token)


def reissue_all_cards(session: Session, members: list[Agent] | list[Learner],
                      profile: str = "standard") -> list[NewCard]:
    """New cards for a whole class or group (to print): every old PIN and QR code stops working."""
    return [replace_card(session, person, profile) for person in members]


def rename_agent(session: Session, agent: Agent) -> str:
    """A new generated name (never typed text), unique in the class; the card must be reprinted."""
    taken = {other.name_key for other in agent.school_class.agents}
    agent.agent_name = new_agent_name(taken)
    agent.name_key = name_key(agent.agent_name)
    session.flush()
    return agent.agent_name

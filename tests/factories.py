"""A small, known world for tests: one person of every role, each with their own things."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from cyberquest.models import Agent, Learner, Library, Municipality, School, StaffUser, utcnow
from cyberquest.services.groups import create_class, create_group
from cyberquest.services.names import name_key
from cyberquest.services.seasons import create_season, start_year_of
from cyberquest.services.secrets import hash_secret
from seeds.reference import load_reference

STAFF_PASSWORD = "lange zin met vier woorden"
PIN = "1234"


@dataclass(frozen=True)
class World:
    maastricht_id: int
    heerlen_id: int
    school_id: int
    other_school_id: int
    library_id: int
    season_id: int
    class_id: int
    class_code: str
    other_class_id: int
    other_class_code: str
    group_id: int
    group_code: str
    agent_id: int
    learner_id: int
    teacher_id: int


def make_staff(session: Session, email: str, role: str, *, approved: bool = True, skip_totp: bool = True,
               **places) -> StaffUser:
    user = StaffUser(email=email, name=email.split("@")[0].title(), role=role,
                     password_hash=hash_secret(STAFF_PASSWORD, "fast"),
                     approved_at=utcnow() if approved else None, skip_second_factor=skip_totp, **places)
    session.add(user)
    session.flush()
    return user


def make_agent(session: Session, class_id: int, agent_name: str, pin: str = PIN,
               avatar: str | None = "vos") -> Agent:
    agent = Agent(class_id=class_id, agent_name=agent_name, name_key=name_key(agent_name),
                  pin_hash=hash_secret(pin, "fast"), avatar=avatar)
    session.add(agent)
    session.flush()
    return agent


def build_world(session: Session) -> World:
    load_reference(session)
    municipality = {m.name: m for m in session.scalars(select(Municipality))}
    maastricht, heerlen = municipality["Maastricht"], municipality["Heerlen"]
    season = create_season(session, start_year_of(date.today()))
    school = School(name="Basisschool De Regenboog", municipality=maastricht)
    other_school = School(name="OBS Het Kompas", municipality=heerlen)
    library = Library(name="Bibliotheek Maastricht", municipality=maastricht)
    session.add_all([school, other_school, library])
    session.flush()

    teacher = make_staff(session, "teacher@school.example.nl", "teacher", school_id=school.id)
    other_teacher = make_staff(session, "other.teacher@school.example.nl", "teacher", school_id=other_school.id)
    trainer = make_staff(session, "trainer@library.example.nl", "trainer", library_id=library.id)
    make_staff(session, "coordinator@maastricht.example.nl", "coordinator", municipality_id=maastricht.id)
    make_staff(session, "coordinator@heerlen.example.nl", "coordinator", municipality_id=heerlen.id)
    make_staff(session, "admin@region.example.nl", "admin")

    own_class = create_class(session, teacher, school.id, season, "Groep 7B", code="KLAS7B")
    other_class = create_class(session, other_teacher, other_school.id, season, "Groep 8", code="ANDER8")
    agent = make_agent(session, own_class.id, "Snelle Vos")
    make_agent(session, other_class.id, "Slimme Uil")
    group = create_group(session, trainer, library.id, "Klik & Tik", code="BIBGRP")
    learner = Learner(group=group, first_name="Annie", name_key="annie", pin_hash=hash_secret(PIN, "fast"))
    session.add(learner)
    session.flush()
    return World(
        maastricht_id=maastricht.id, heerlen_id=heerlen.id, school_id=school.id,
        other_school_id=other_school.id, library_id=library.id, season_id=season.id,
        class_id=own_class.id, class_code=own_class.class_code, other_class_id=other_class.id,
        other_class_code=other_class.class_code, group_id=group.id, group_code=group.group_code,
        agent_id=agent.id, learner_id=learner.id, teacher_id=teacher.id,
    )

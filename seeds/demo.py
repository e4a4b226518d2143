"""The demo region: believable schools, libraries, staff, classes, agents and learners.

Deterministic (fixed Faker seed) and idempotent: every row is looked up by its natural key
before it is created, so running the seed twice adds nothing. Demo staff skip the second
factor; only this module ever sets that flag.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from faker import Faker
from sqlalchemy import select
from sqlalchemy.orm import Session

from cyberquest.content import ContentPack
from cyberquest.content.kinds import StepKind
from cyberquest.models import (Agent, CourseGroup, Learner, Library, Municipality, School,
                               SchoolClass, Season, StaffUser, utcnow)
from cyberquest.services.badges import backfill
from cyberquest.services.names import name_key, new_agent_name
from cyberquest.services.seasons import season_code, start_year_of
from cyberquest.services.secrets import hash_secret

from .demo_ceremony import seed_ceremony
from .demo_made import seed_made_missions
from .demo_progress import seed_learner_progress, seed_progress
from .reference import load_reference

DEMO_PASSWORD = "cyberquest-demo"
DEMO_PIN = "1234"
DEMO_CLASS_CODE = "DEMO7B"
DEMO_GROUP_CODE = "DEMOBIB"
FAST = "fast"  # demo hashes are cheap to make and upgraded at the first real sign-in

SCHOOL_NAMES = (
    "De Regenboog", "Het Kompas", "De Zonnewijzer", "Sint Jozef", "De Verrekijker",
    "Het Palet", "De Horizon", "Op de Bies", "De Schakel", "Het Klaverblad", "De Wieken",
    "Sint Servatius", "De Bron", "Het Mozaïek",
)
SCHOOL_KINDS = ("Basisschool", "OBS", "KBS", "IKC")

# (municipality, number of schools, library?) — Maastricht is the demo coordinator's.
DEMO_PLACES = (
    ("Maastricht", 3, True), ("Sittard-Geleen", 2, True), ("Weert", 2, True),
    ("Heerlen", 1, False), ("Venlo", 1, True), ("Beek", 1, False),
)


@dataclass(frozen=True)
class DemoLogin:
    role: str
    how: str


DEMO_LOGINS = (
    DemoLogin("admin", f"admin@example.org / {DEMO_PASSWORD}"),
    DemoLogin("coordinator (Maastricht)", f"coordinator@example.org / {DEMO_PASSWORD}"),
    DemoLogin("teacher (class DEMO7B)", f"teacher@example.org / {DEMO_PASSWORD}"),
    DemoLogin("trainer (group DEMOBIB)", f"trainer@example.org / {DEMO_PASSWORD}"),
    DemoLogin("agent card", f"class {DEMO_CLASS_CODE}, agent Snelle Vos, PIN {DEMO_PIN}"),
    DemoLogin("learner card", f"group {DEMO_GROUP_CODE}, name Annie, PIN {DEMO_PIN}"),
)


class DemoSeeder:
    def __init__(self, session: Session, today: date) -> None:
        self.session = session
        self.today = today
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(2026)
        self.random = random.Random(2026)
        self.password_hash = hash_secret(DEMO_PASSWORD, FAST)

    def run(self) -> None:
        load_reference(self.session)
        current = self._season(start_year_of(self.today))
        self._season(start_year_of(self.today) - 1)
        self._mayors()
        schools, libraries = self._places()
        maastricht = self._municipality("Maastricht")
        self._staff("admin@example.org", "Demo Beheerder", "admin")
        self._staff("coordinator@example.org", "Demo Coördinator", "coordinator", municipality=maastricht)
        teacher = self._staff("teacher@example.org", "Demo Leerkracht", "teacher", school=schools[0])
        trainer = self._staff("trainer@example.org", "Demo Begeleider", "trainer", library=libraries[0])
        colleague = self._staff("collega@example.org", self.fake.name(), "teacher", school=schools[1])

        demo_class = self._class(schools[0], current, "Groep 7B", DEMO_CLASS_CODE, [teacher])
        self._agents(demo_class, 24, named=("Snelle Vos",))
        self._agents(self._class(schools[0], current, "Groep 8A", "DEMO8A", [teacher]), 26)
        self._agents(self._class(schools[1], current, "Groep 6/7", "DEMO67", [colleague]), 22)
        for index, school in enumerate(schools[2:], start=1):
            other = self._staff(f"leerkracht{index}@example.org", self.fake.name(), "teacher", school=school)
            self._agents(self._class(school, current, "Groep 7", f"DEMOK{index}", [other]), 20 + index % 6)

        group = self._group(libraries[0], "Klik & Tik dinsdagochtend", DEMO_GROUP_CODE, trainer)
        self._learners(group, ["Annie"] + [self.fake.first_name() for _ in range(7)])
        # One sign-up waiting for approval, so the approval pages have something to show.
        if self._find_staff("nieuw@example.org") is None:
            self.session.add(StaffUser(email="nieuw@example.org", name=self.fake.name(), role="teacher",
                                       password_hash=self.password_hash, school_id=schools[0].id))
        self.session.flush()

    # --- helpers: each finds the row by its natural key before creating it -----------------
    def _season(self, start_year: int) -> Season:
        code = season_code(start_year)
        season = self.session.scalar(select(Season).where(Season.code == code))
        if season is None:
            season = Season(code=code, starts_on=date(start_year, 8, 1), ends_on=date(start_year + 1, 7, 31),
                            cutoff_on=date(start_year + 1, 6, 1))
            self.session.add(season)
            self.session.flush()
        return season

    def _municipality(self, name: str) -> Municipality:
        return self.session.scalars(select(Municipality).where(Municipality.name == name)).one()

    def _mayors(self) -> None:
        for municipality in self.session.scalars(select(Municipality).order_by(Municipality.name)):
            name = self.fake.name()  # drawn for every municipality, so names stay deterministic
            municipality.mayor_name = municipality.mayor_name or name

    def _places(self) -> tuple[list[School], list[Library]]:
        schools, libraries = [], []
        names = list(SCHOOL_NAMES)
        self.random.shuffle(names)
        for municipality_name, school_count, has_library in DEMO_PLACES:
            municipality = self._municipality(municipality_name)
            for _ in range(school_count):
                name = f"{self.random.choice(SCHOOL_KINDS)} {names.pop()}"
                schools.append(self._place(School, municipality, name))
            if has_library:
                libraries.append(self._place(Library, municipality, f"Bibliotheek {municipality_name}"))
        return schools, libraries

    def _place(self, model, municipality: Municipality, name: str):
        item = self.session.scalar(select(model).where(model.municipality_id == municipality.id, model.name == name))
        if item is None:
            item = model(municipality_id=municipality.id, name=name, place=municipality.name)
            self.session.add(item)
            self.session.flush()
        return item

    def _find_staff(self, email: str) -> StaffUser | None:
        return self.session.scalar(select(StaffUser).where(StaffUser.email == email))

    def _staff(self, email: str, name: str, role: str, *, school: School | None = None,
               library: Library | None = None, municipality: Municipality | None = None) -> StaffUser:
        user = self._find_staff(email)
        if user is None:
            user = StaffUser(email=email, name=name, role=role, password_hash=self.password_hash,
                             school=school, library=library, municipality=municipality,
                             approved_at=utcnow(), skip_second_factor=True)
            self.session.add(user)
            self.session.flush()
        return user

    def _class(self, school: School, season: Season, name: str, code: str,
               teachers: list[StaffUser]) -> SchoolClass:
        school_class = self.session.scalar(select(SchoolClass).where(SchoolClass.class_code == code))
        if school_class is None:
            school_class = SchoolClass(school=school, season=season, name=name, class_code=code,
                                       teachers=teachers)
            self.session.add(school_class)
            self.session.flush()
        return school_class

    def _agents(self, school_class: SchoolClass, total: int, named: tuple[str, ...] = ()) -> None:
        if school_class.agents:
            return
        taken: set[str] = set()
        names = list(named)
        while len(names) < total:
            names.append(new_agent_name(taken | {name_key(n) for n in names}))
        for agent_name in names:
            pin = DEMO_PIN if agent_name in named else f"{self.random.randrange(10_000):04d}"
            self.session.add(Agent(school_class=school_class, agent_name=agent_name, name_key=name_key(agent_name),
                                   pin_hash=hash_secret(pin, FAST)))
        self.session.flush()

    def _group(self, library: Library, name: str, code: str, trainer: StaffUser) -> CourseGroup:
        group = self.session.scalar(select(CourseGroup).where(CourseGroup.group_code == code))
        if group is None:
            group = CourseGroup(library=library, name=name, group_code=code, trainers=[trainer])
            self.session.add(group)
            self.session.flush()
        return group

    def _learners(self, group: CourseGroup, first_names: list[str]) -> None:
        if group.learners:
            return
        seen: set[str] = set()
        for first_name in first_names:
            if name_key(first_name) in seen:
                continue
            seen.add(name_key(first_name))
            pin = DEMO_PIN if first_name == "Annie" else f"{self.random.randrange(10_000):04d}"
            self.session.add(Learner(group=group, first_name=first_name, name_key=name_key(first_name), text_size="large",
                                     pin_hash=hash_secret(pin, FAST)))
        self.session.flush()


def seed_demo(session: Session, today: date, pack: ContentPack, kinds: dict[str, StepKind]) -> None:
    DemoSeeder(session, today).run()
    season = session.scalars(select(Season).where(Season.code == season_code(start_year_of(today)))).one()
    codes = list(session.scalars(select(SchoolClass.class_code).where(SchoolClass.season_id == season.id)))
    seed_progress(session, pack, kinds, season, codes, named_agent="Snelle Vos")
    seed_learner_progress(session, pack, kinds, DEMO_GROUP_CODE)
    seed_ceremony(session, pack, kinds, season)
    seed_made_missions(session, kinds, DEMO_CLASS_CODE, "teacher@example.org")
    backfill(session, pack)  # the demo's progress earns its badges, as if played live


def has_demo_data(session: Session) -> bool:
    return session.scalar(select(StaffUser.id).where(StaffUser.email == "admin@example.org")) is not None

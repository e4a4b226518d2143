"""The benchmark region of DESIGN §10, bulk-inserted: 31 municipalities, 400 schools, 4,000 classes,
100,000 agents, 2,000,000 step results (with their XP, progress and badges), 5,000 learners.

``scale`` shrinks everything but the municipalities (0.1: 10,000 agents), for growth runs and tests.
Every agent's PIN is 1234; class codes are B00001…, agents "Agent 1" to "Agent 30" or "Agent 20" per class; staff passwords
are BENCH_PASSWORD. Rows go in with multi-row inserts in chunks, so a full region takes minutes.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from cyberquest.content import ContentPack
from cyberquest.content.kinds import StepKind
from cyberquest.models import (MISSION_DONE, Agent, BadgeAward, CourseGroup, Learner, Library, MissionProgress,
                               Municipality, School, SchoolClass, StaffUser, StepResult, XpEntry, class_teachers,
                               group_trainers, utcnow)
from cyberquest.services.play import step_xp
from cyberquest.services.seasons import create_season, current_season, start_year_of
from cyberquest.services.secrets import hash_secret

from .bench_badges import History, earned_badges
from .reference import load_reference

BENCH_PASSWORD = "bench wachtwoord voor de meting"
PIN = "1234"
CHUNK = 20_000


@dataclass(frozen=True)
class Sizes:
    schools: int
    classes_per_school: int
    class_sizes: tuple[int, ...]  # children per class, taken in turn through a school's classes
    steps_per_agent: int
    learners: int

    def children_in(self, class_number: int) -> int:
        return self.class_sizes[class_number % len(self.class_sizes)]


def sizes(scale: float) -> Sizes:
    """Classes of 30 and 20 children in turn: 25 on average, as in DESIGN §10's region, and each school's first
    class ("Groep 1", the one a benchmark teacher opens) as large as the class matrix of §10's target."""
    return Sizes(schools=max(31, round(400 * scale)), classes_per_school=10, class_sizes=(30, 20), steps_per_agent=20,
                 learners=max(25, round(5000 * scale)))


def has_bench_data(session: Session) -> bool:
    return session.scalar(select(SchoolClass.id).where(SchoolClass.class_code == "B00001")) is not None


def _chunks(rows):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(session: Session, model, rows) -> int:
    count = 0
    for batch in _chunks(rows):
        session.execute(insert(model), batch)
        count += len(batch)
    return count


class BenchSeeder:
    def __init__(self, session: Session, pack: ContentPack, kinds: dict[str, StepKind], scale: float,
                 today: date) -> None:
        self.session, self.pack, self.kinds, self.size, self.today = session, pack, kinds, sizes(scale), today
        self.random = random.Random(2026)
        self.password = hash_secret(BENCH_PASSWORD)
        # One hash with production's PIN settings, shared by every card: a sign-in then costs what it costs in
        # production (one check, no upgrade of a cheaply made hash), and seeding stays fast.
        self.pin = hash_secret(PIN, "pin")

    def run(self) -> dict[str, int]:
        load_reference(self.session)
        self.season = current_season(self.session, self.today) or create_season(self.session,
                                                                                 start_year_of(self.today))
        municipalities = list(self.session.scalars(select(Municipality).order_by(Municipality.id)))
        for municipality in municipalities:
            municipality.joined_on = municipality.joined_on or self.season.starts_on
            municipality.mayor_name = municipality.mayor_name or "A. Burgemeester"
        self._staff("bench-admin@example.org", "admin")
        for municipality in municipalities:
            self._staff(f"coordinator{municipality.id}@bench.example.org", "coordinator",
                        municipality_id=municipality.id)
        class_ids = self._schools(municipalities)
        agents = self._agents(class_ids)
        histories: dict[int, History] = {}
        steps = self._progress(histories)
        badges = _insert(self.session, BadgeAward, earned_badges(self.session, self.pack, self.season, histories))
        learners = self._learners(municipalities)
        self.session.flush()
        return {"municipalities": len(municipalities), "schools": self.size.schools, "classes": len(class_ids),
                "agents": agents, "step results": steps, "badges": badges, "learners": learners}

    def _staff(self, email: str, role: str, **place) -> int:
        return self.session.execute(insert(StaffUser).returning(StaffUser.id), [{
            "email": email, "name": email.split("@")[0], "role": role, "password_hash": self.password,
            "approved_at": utcnow(), "skip_second_factor": True, **place}]).scalar_one()

    def _schools(self, municipalities: list[Municipality]) -> list[int]:
        """Schools spread over the municipalities, ten classes each, one teacher per school."""
        class_ids = []
        for number in range(self.size.schools):
            municipality = municipalities[number % len(municipalities)]
            school = School(name=f"Basisschool {number + 1}", municipality_id=municipality.id)
            self.session.add(school)
            self.session.flush()
            teacher = self._staff(f"teacher{number + 1}@bench.example.org", "teacher", school_id=school.id)
            rows = [{"school_id": school.id, "season_id": self.season.id, "name": f"Groep {c + 1}",
                     "class_code": f"B{len(class_ids) + c + 1:05d}"} for c in range(self.size.classes_per_school)]
            ids = list(self.session.execute(insert(SchoolClass).returning(SchoolClass.id), rows).scalars())
            self.session.execute(insert(class_teachers), [{"class_id": i, "staff_id": teacher} for i in ids])
            class_ids.extend(ids)
        return class_ids

    def _agents(self, class_ids: list[int]) -> int:
        return _insert(self.session, Agent, ({"class_id": class_id, "agent_name": f"Agent {n}", "name_key": f"agent {n}",
                                               "pin_hash": self.pin, "avatar": "vos"}
                                              for number, class_id in enumerate(class_ids)
                                              for n in range(1, self.size.children_in(number) + 1)))

    def _scored_steps(self) -> list[tuple[str, str, int | None]]:
        """(mission, step key, position after the step; None after the last) in map order, missions a child plays
        alone."""
        missions = sorted((m for m in self.pack.missions.values() if m.played_alone),
                          key=lambda m: (self.pack.tracks[m.track].order if m.track in self.pack.tracks else 99, m.order))
        steps = []
        for mission in missions:
            scored = [(position, step.key) for position, step in enumerate(mission.steps)
                      if self.kinds[step.kind].scored]
            steps.extend((mission.id, key, None if key == scored[-1][1] else position + 1) for position, key in scored)
        return steps

    def _progress(self, histories: dict[int, History]) -> int:
        """Each agent answered about ``steps_per_agent`` steps in map order: results, XP and progress; what each
        did goes into ``histories`` for the badges."""
        steps, season = self._scored_steps(), self.season
        days = max(1, (min(self.today, season.ends_on) - season.starts_on).days)
        first, last = self.session.execute(select(func.min(Agent.id), func.max(Agent.id))).one()
        total = 0
        for start in range(first, last + 1, 5000):
            results, ledger, progress = [], [], []
            for agent_id in range(start, min(start + 5000, last + 1)):
                played = min(len(steps), self.size.steps_per_agent + agent_id % 11 - 5)  # 15 to 25, 20 on average
                moment = datetime.combine(season.starts_on + timedelta(days=self.random.randrange(days)), time(10))
                history = histories[agent_id] = History(moment)
                missions: dict[str, int | None] = {}  # where the agent is in each mission played; None: finished
                most_tries: dict[str, int] = {}
                for mission_id, key, after in steps[:played]:
                    tries = self.random.choice((1, 1, 1, 2, 3))
                    xp = step_xp(tries, hint_used=False)
                    most_tries[mission_id] = max(tries, most_tries.get(mission_id, 0))
                    history.xp += xp
                    results.append({"agent_id": agent_id, "season_id": season.id, "mission_id": mission_id,
                                    "step_key": key, "tries": tries, "hint_used": False, "solved_at": moment,
                                    "answered_at": moment})
                    ledger.append({"agent_id": agent_id, "season_id": season.id, "source_type": "mission",
                                   "source_id": mission_id, "step_key": key, "xp": xp,
                                   "created_at": moment})
                    missions[mission_id] = after
                for mission_id, position in missions.items():
                    finished = position is None
                    progress.append({"agent_id": agent_id, "season_id": season.id, "mission_id": mission_id,
                                     "position": 99 if finished else position, "started_at": moment,
                                     "finished_at": moment if finished else None})
                    if finished:
                        bonus = self.pack.missions[mission_id].xp
                        history.finished.append(mission_id)
                        history.xp += bonus
                        if most_tries[mission_id] == 1:
                            history.perfect.add(mission_id)
                        ledger.append({"agent_id": agent_id, "season_id": season.id, "source_type": "mission",
                                       "source_id": mission_id, "step_key": MISSION_DONE, "xp": bonus,
                                       "created_at": moment})
            total += _insert(self.session, StepResult, results)
            _insert(self.session, XpEntry, ledger)
            _insert(self.session, MissionProgress, progress)
        return total

    def _learners(self, municipalities: list[Municipality]) -> int:
        groups = max(1, self.size.learners // 25)
        group_ids = []
        for number in range(groups):
            municipality = municipalities[number % len(municipalities)]
            library = self.session.scalar(select(Library).where(Library.municipality_id == municipality.id))
            if library is None:
                library = Library(name=f"Bibliotheek {municipality.name}", municipality_id=municipality.id)
                self.session.add(library)
                self.session.flush()
            group = CourseGroup(library_id=library.id, name=f"Klik & Tik {number + 1}", group_code=f"L{number + 1:04d}")
            self.session.add(group)
            self.session.flush()
            trainer = self._staff(f"trainer{number + 1}@bench.example.org", "trainer", library_id=library.id)
            self.session.execute(insert(group_trainers), [{"group_id": group.id, "staff_id": trainer}])
            group_ids.append(group.id)
        return _insert(self.session, Learner, ({"group_id": group_id, "first_name": f"Senior {n}",
                                                 "name_key": f"senior {n}", "pin_hash": self.pin}
                                                for group_id in group_ids for n in range(1, 26)))


def seed_bench(session: Session, pack: ContentPack, kinds: dict[str, StepKind], scale: float,
               today: date) -> dict[str, int]:
    return BenchSeeder(session, pack, kinds, scale, today).run()


def update_planner_statistics(session: Session) -> None:
    """Let the database measure the tables just filled. Without statistics SQLite picks an index by name rather
    than by selectivity (the season's, which every row shares, over the covering one for a board's XP sums: 1.1 s
    against 0.3 s at 100,000 agents); PostgreSQL would analyse only later, in the background."""
    session.execute(text("ANALYZE"))

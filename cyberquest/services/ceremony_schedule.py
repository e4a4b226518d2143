"""The running order of a ceremony (DESIGN §6): sessions filled by whole municipalities.

Rules, written into the programme's footer too:
1. Municipalities go largest first (ties: alphabetical), each into the first session with room
   for all of its children; a new session opens when none has room.
2. A municipality larger than a session gets sessions of its own, split by school, schools in
   alphabetical order; a school larger than a session is split by child.
3. Within a municipality, schools in alphabetical order, children alphabetical.
4. Every block starts with the mayor's word; sessions are separated by a break.
The same input always gives the same schedule.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Child:
    agent_id: int
    name: str  # the consented name: first name + initial
    school: str
    municipality: str


@dataclass(frozen=True)
class Settings:
    start: datetime
    capacity: int  # children per session
    minutes_per_child: int
    minutes_per_mayor: int
    break_minutes: int


@dataclass
class Block:
    municipality: str
    mayor: str
    children: list[Child]
    start: datetime | None = None
    end: datetime | None = None

    def schools(self) -> list[tuple[str, list[Child]]]:
        grouped: dict[str, list[Child]] = {}
        for child in self.children:
            grouped.setdefault(child.school, []).append(child)
        return list(grouped.items())


@dataclass
class Session:
    number: int
    blocks: list[Block] = field(default_factory=list)
    own: bool = False  # a session of a municipality larger than a session: nobody else joins it
    start: datetime | None = None
    end: datetime | None = None

    @property
    def size(self) -> int:
        return sum(len(block.children) for block in self.blocks)


def _ordered(children: list[Child]) -> list[Child]:
    return sorted(children, key=lambda c: (c.school.lower(), c.name.lower(), c.agent_id))


def _chunks(children: list[Child], capacity: int) -> list[list[Child]]:
    """Whole schools while they fit; a school larger than a session is split by child."""
    chunks: list[list[Child]] = [[]]
    for school in dict.fromkeys(child.school for child in children):
        pupils = [child for child in children if child.school == school]
        if len(chunks[-1]) + len(pupils) > capacity and chunks[-1]:
            chunks.append([])
        for child in pupils:
            if len(chunks[-1]) == capacity:
                chunks.append([])
            chunks[-1].append(child)
    return [chunk for chunk in chunks if chunk]


def schedule(children: list[Child], mayors: dict[str, str], settings: Settings) -> list[Session]:
    if settings.capacity < 1:
        raise ValueError("capacity")
    by_municipality: dict[str, list[Child]] = {}
    for child in children:
        by_municipality.setdefault(child.municipality, []).append(child)
    order = sorted(by_municipality, key=lambda name: (-len(by_municipality[name]), name))
    sessions: list[Session] = []
    for name in order:
        pupils = _ordered(by_municipality[name])
        mayor = mayors.get(name, "")
        if len(pupils) > settings.capacity:
            for chunk in _chunks(pupils, settings.capacity):
                sessions.append(Session(len(sessions) + 1, [Block(name, mayor, chunk)], own=True))
            continue
        room = next((s for s in sessions if not s.own and s.size + len(pupils) <= settings.capacity), None)
        if room is None:
            room = Session(len(sessions) + 1)
            sessions.append(room)
        room.blocks.append(Block(name, mayor, pupils))
    _times(sessions, settings)
    return sessions


def _times(sessions: list[Session], settings: Settings) -> None:
    clock = settings.start
    for number, session in enumerate(sessions):
        if number:
            clock += timedelta(minutes=settings.break_minutes)
        session.start = clock
        for block in session.blocks:
            block.start = clock
            clock += timedelta(minutes=settings.minutes_per_mayor + settings.minutes_per_child * len(block.children))
            block.end = clock
        session.end = clock

"""The running order of a ceremony (DESIGN §6): sessions filled by whole municipalities.

Rules, written into the programme's footer too:
1. Municipalities go largest first (ties: alphabetical), each into the first session with room
   for all of its children; a new session opens when none has room.
2. A municipality larger than a session gets sessions of its own, split by school, schools in
   alphabetical order; a school larger than a session is split by child.
3. Within a municipality, schools in alphabetical order, children alphabetical.
4. Every block starts with the mayor's word; sessions are separated by a break.
5. When a running order was saved before, every municipality keeps its session and its start time
   while the session has room for it (those saved first keep theirs first); only the others are
   placed by rule 1, and a block starts later only when the blocks before it grew.
The same input always gives the same schedule.
"""
from __future__ import annotations

from collections import Counter
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
    minutes_per_child: float
    minutes_per_mayor: int
    break_minutes: int


@dataclass
class Block:
    municipality: str
    mayor: str
    children: list[Child]
    start: datetime | None = None
    end: datetime | None = None
    kept_start: datetime | None = field(default=None, compare=False)  # from the saved running order

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


@dataclass(frozen=True)
class SavedBlock:
    municipality: str
    start: datetime


@dataclass(frozen=True)
class SavedSession:
    own: bool
    blocks: tuple[SavedBlock, ...]


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


def _own_sessions(name: str, mayor: str, pupils: list[Child], capacity: int) -> list[Session]:
    return [Session(0, [Block(name, mayor, chunk)], own=True) for chunk in _chunks(pupils, capacity)]


def _keep(saved: list[SavedSession], groups: dict[str, list[Child]], mayors: dict[str, str],
          capacity: int) -> list[Session]:
    """The saved sessions with every municipality that still fits where it was (rule 5)."""
    sessions: list[Session] = []
    placed: set[str] = set()
    for earlier in saved:
        if earlier.own:
            name = earlier.blocks[0].municipality
            if name in placed or name not in groups:
                continue
            if len(groups[name]) <= capacity:  # it fits in one session now: the first of its own ones
                own = [Session(0, [Block(name, mayors.get(name, ""), groups[name])])]
            else:
                own = _own_sessions(name, mayors.get(name, ""), groups[name], capacity)
            for session, block in zip(own, (s for s in saved if s.own and s.blocks[0].municipality == name)):
                session.blocks[0].kept_start = block.blocks[0].start
            sessions.extend(own)
            placed.add(name)
            continue
        session = Session(0)
        for block in earlier.blocks:
            pupils = groups.get(block.municipality, [])
            if not pupils or block.municipality in placed or len(pupils) > capacity \
                    or session.size + len(pupils) > capacity:
                continue
            session.blocks.append(Block(block.municipality, mayors.get(block.municipality, ""), pupils,
                                        kept_start=block.start))
            placed.add(block.municipality)
        sessions.append(session)
    return sessions


def schedule(children: list[Child], mayors: dict[str, str], settings: Settings,
             saved: list[SavedSession] | None = None) -> list[Session]:
    if settings.capacity < 1:
        raise ValueError("capacity")
    groups: dict[str, list[Child]] = {}
    for child in children:
        groups.setdefault(child.municipality, []).append(child)
    groups = {name: _ordered(pupils) for name, pupils in groups.items()}
    sessions = _keep(saved or [], groups, mayors, settings.capacity)
    placed = {block.municipality for session in sessions for block in session.blocks}
    for name in sorted(set(groups) - placed, key=lambda name: (-len(groups[name]), name)):
        pupils, mayor = groups[name], mayors.get(name, "")
        if len(pupils) > settings.capacity:
            sessions.extend(_own_sessions(name, mayor, pupils, settings.capacity))
            continue
        room = next((s for s in sessions if not s.own and s.size + len(pupils) <= settings.capacity), None)
        if room is None:
            room = Session(0)
            sessions.append(room)
        room.blocks.append(Block(name, mayor, pupils))
    sessions = [session for session in sessions if session.blocks]
    for number, session in enumerate(sessions, start=1):
        session.number = number
    _times(sessions, settings)
    return sessions


def _times(sessions: list[Session], settings: Settings) -> None:
    clock = settings.start
    for number, session in enumerate(sessions):
        if number:
            clock += timedelta(minutes=settings.break_minutes)
        for block in session.blocks:
            if block.kept_start is not None and block.kept_start > clock:
                clock = block.kept_start
            block.start = clock
            clock += timedelta(minutes=settings.minutes_per_mayor + settings.minutes_per_child * len(block.children))
            block.end = clock
        session.start, session.end = session.blocks[0].start, clock


def to_saved(sessions: list[Session]) -> dict:
    """The running order as stored with ``--save``: agent ids and schools, never names."""
    return {"sessions": [{"own": session.own, "blocks": [
        {"municipality": block.municipality, "start": block.start.isoformat(timespec="seconds"),
         "children": [[child.agent_id, child.school] for child in block.children]}
        for block in session.blocks]} for session in sessions]}


def from_saved(stored: dict | None) -> list[SavedSession]:
    return [SavedSession(bool(session["own"]), tuple(SavedBlock(block["municipality"],
                                                                datetime.fromisoformat(block["start"]))
                                                     for block in session["blocks"]))
            for session in (stored or {}).get("sessions", [])]


@dataclass(frozen=True, order=True)
class Change:
    """A group of children of one school whose place changed in the same way."""

    kind: str  # added, moved, removed
    municipality: str
    school: str
    before: str  # "2 14:35": session and block start, empty when added
    after: str  # empty when removed
    count: int


def _places(stored: dict) -> dict[int, tuple[str, str, str]]:
    """agent id -> (municipality, school, "session HH:MM") in a stored running order."""
    return {agent_id: (block["municipality"], school, f"{number} {block['start'][11:16]}")
            for number, session in enumerate(stored.get("sessions", []), start=1)
            for block in session["blocks"] for agent_id, school in block["children"]}


def changes(stored: dict | None, sessions: list[Session]) -> list[Change]:
    """What changed for whom since the saved running order, per school (no names: this is printed)."""
    if not stored:
        return []

    before, after = _places(stored), _places(to_saved(sessions))
    groups: Counter = Counter()
    for agent_id in before.keys() | after.keys():
        old, new = before.get(agent_id), after.get(agent_id)
        if old is None:
            groups["added", new[0], new[1], "", new[2]] += 1
        elif new is None:
            groups["removed", old[0], old[1], old[2], ""] += 1
        elif old[2] != new[2]:
            groups["moved", new[0], new[1], old[2], new[2]] += 1
    return sorted(Change(*key, count) for key, count in groups.items())

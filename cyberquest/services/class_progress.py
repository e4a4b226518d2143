"""A class's progress at a glance: children × missions, in a fixed number of queries.

Everything is read per class and season with grouped queries, so a class of 30 costs the same
handful of queries as a class of 3 (DESIGN §10).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Protocol

from sqlalchemy import Select, bindparam, case, false, func, null, select, true, type_coerce, union_all
from sqlalchemy.orm import Session

from ..content import ContentPack, Mission
from ..models import Agent, MissionProgress, Season, StepResult, XpEntry
from .play import standing
from .seasons import core_mission_ids, cutoff_moment

NEW, STARTED, WAITING, DONE, PERFECT = "new", "started", "waiting", "done", "perfect"
FINISHED = (DONE, PERFECT)
# How a cell looks on the pages and in the PDF reports (course groups use new, started and done).
CELL_SYMBOLS = {NEW: "·", STARTED: "◐", WAITING: "?", DONE: "✓", PERFECT: "★"}


class MatrixAgent(Protocol):
    """What a progress matrix reads of a child: an ``Agent``, or a row of ``class_agents``."""

    @property
    def id(self) -> int: ...

    @property
    def agent_name(self) -> str: ...

    @property
    def last_sign_in_at(self) -> datetime | None: ...


@dataclass(frozen=True)
class Qualification:
    qualified: bool
    missing_core: tuple[str, ...]  # core mission ids still to do before the cut-off
    needs_offline: bool  # no offline mission confirmed before the cut-off yet


@dataclass
class ClassProgress:
    agents: Sequence[MatrixAgent]
    missions: list[Mission]
    cells: dict[tuple[int, str], str] = field(default_factory=dict)
    xp: dict[int, int] = field(default_factory=dict)
    last_active: dict[int, datetime | None] = field(default_factory=dict)
    qualification: dict[int, Qualification] = field(default_factory=dict)
    core: set[str] = field(default_factory=set)
    waiting_since: dict[tuple[int, str], datetime] = field(default_factory=dict)  # offline tasks to confirm

    def state(self, agent_id: int, mission_id: str) -> str:
        return self.cells.get((agent_id, mission_id), NEW)

    def states(self, agent_id: int, missions: list[Mission]) -> list[str]:
        """One child's row of the matrix (one call per row for the page instead of one per cell)."""
        return [self.state(agent_id, mission.id) for mission in missions]

    def done_count(self, agent_id: int) -> int:
        return self._finished[0][agent_id]

    def column_done(self, mission_id: str) -> int:
        return self._finished[1][mission_id]

    @cached_property
    def _finished(self) -> tuple[Counter[int], Counter[str]]:
        """Missions finished per agent and agents per mission, counted once from the cells (a matrix shows
        both for every row and column)."""
        per_agent: Counter[int] = Counter()
        per_mission: Counter[str] = Counter()
        for (agent_id, mission_id), state in self.cells.items():
            if state in FINISHED:
                per_agent[agent_id] += 1
                per_mission[mission_id] += 1
        return per_agent, per_mission

    def rank(self, agent_id: int, pack: ContentPack):
        return standing(pack.ranks, self.xp.get(agent_id, 0)).rank if pack.ranks else None


_agents = Agent.__table__.c
_CLASS_AGENTS = (select(_agents.id, _agents.agent_name, _agents.last_sign_in_at)
                 .where(_agents.class_id == bindparam("class_id"), _agents.is_placeholder.is_(False))
                 .order_by(_agents.agent_name))


def class_agents(session: Session, class_id: int) -> Sequence[MatrixAgent]:
    """The children of ``SchoolClass.agents`` as plain rows (what a matrix reads of them), for pages that only
    show them: 30 ORM objects cost more than the matrix's own statements."""
    return session.execute(_CLASS_AGENTS, {"class_id": class_id}).all()


def ordered_missions(pack: ContentPack) -> list[Mission]:
    """Missions in map order: by track, then by their order in the track."""
    track_order = {track.id: track.order for track in pack.tracks.values()}
    return sorted((m for m in pack.missions.values() if not m.class_quest),
                  key=lambda m: (track_order.get(m.track, 99), m.order, m.id))


def _cell(mission: Mission, finished: datetime | None, most_tries: int | None, confirmed: bool) -> str:
    if mission.is_offline:
        return DONE if confirmed else WAITING if finished else STARTED
    if finished is None:
        return STARTED
    return PERFECT if most_tries == 1 else DONE


# The matrix's statements, on the tables and built once: whose rows and the season as parameters.
_results, _ledger, _progress = StepResult.__table__.c, XpEntry.__table__.c, MissionProgress.__table__.c


_OFFLINE = bindparam("offline", "offline", literal_execute=True)  # as text: the same in SELECT and GROUP BY
_CONFIRMED_MISSION = case((_ledger.source_type == _OFFLINE, _ledger.source_id))  # NULL for every other entry


@dataclass(frozen=True)
class _Reads:
    """The matrix's two reads for the children ``members`` selects (a list of ids, or a class's children).

    ``steps``: per child and mission, the most tries at a step and the last answer (``from_progress`` false),
    and the mission's progress row with its finish (``from_progress`` true), as one ``UNION ALL``.
    ``ledger``: per child, the XP of everything but confirmed offline tasks in one row without a mission, and
    each confirmed offline task in a row of its own (its XP and when it was confirmed)."""

    steps: Select
    ledger: Select

    @classmethod
    def of(cls, members) -> _Reads:
        def whose(columns) -> tuple:
            return columns.agent_id.in_(members), columns.season_id == bindparam("season_id")

        def nothing(column):  # a NULL that reads back as ``column``'s type (SQLite stores moments as text)
            return type_coerce(null(), column.type)

        tries = (select(_results.agent_id, _results.mission_id, false().label("from_progress"),
                        func.max(_results.tries), func.max(_results.answered_at), nothing(_progress.finished_at))
                 .where(*whose(_results)).group_by(_results.agent_id, _results.mission_id))
        progress = select(_progress.agent_id, _progress.mission_id, true(), nothing(_results.tries),
                          nothing(_results.answered_at), _progress.finished_at).where(*whose(_progress))
        return cls(
            steps=select(union_all(tries, progress).subquery()),
            ledger=(select(_ledger.agent_id, _CONFIRMED_MISSION, func.sum(_ledger.xp), func.max(_ledger.created_at))
                    .where(*whose(_ledger)).group_by(_ledger.agent_id, _CONFIRMED_MISSION)),
        )


_OF_LISTED = _Reads.of(bindparam("ids", expanding=True))
# By class id, the statements' text stays the same whatever the class's size (one prepared statement each).
_OF_CLASS = _Reads.of(_CLASS_AGENTS.with_only_columns(_agents.id).order_by(None).scalar_subquery())


def load(session: Session, pack: ContentPack, season: Season, agents: Sequence[MatrixAgent]) -> ClassProgress:
    """The matrix of ``agents`` (children of one class) in ``season``: two statements in all."""
    return _load(session, pack, season, agents, _OF_LISTED,
                 {"ids": [agent.id for agent in agents], "season_id": season.id})


def load_class(session: Session, pack: ContentPack, season: Season, class_id: int) -> ClassProgress:
    """The matrix of all the class's children in ``season``: three statements, the same text for every class."""
    return _load(session, pack, season, class_agents(session, class_id), _OF_CLASS,
                 {"class_id": class_id, "season_id": season.id})


def _load(session: Session, pack: ContentPack, season: Season, agents: Sequence[MatrixAgent], reads: _Reads,
          values: dict) -> ClassProgress:
    """The matrix of ``agents``, read with ``reads``; nothing is read when there are none."""
    missions = ordered_missions(pack)
    progress = ClassProgress(agents, missions, core=core_mission_ids(season, pack.missions))
    if not agents:
        return progress
    by_id = {mission.id: mission for mission in missions}
    cutoff = cutoff_moment(season)
    tries: dict[tuple[int, str], tuple[int, datetime]] = {}
    started: list[tuple[int, str, datetime | None]] = []
    for agent_id, mission_id, from_progress, most, last, finished_at in (
            session.execute(reads.steps, values).all()):
        if from_progress:
            started.append((agent_id, mission_id, finished_at))
        else:
            tries[agent_id, mission_id] = (most, last)
    confirmed: dict[tuple[int, str], datetime] = {}
    for agent_id, mission_id, xp, at in session.execute(reads.ledger, values).all():
        progress.xp[agent_id] = progress.xp.get(agent_id, 0) + xp
        if mission_id is not None:
            confirmed[agent_id, mission_id] = at
    # Rows of a child who joined the class after ``agents`` were read are left out with them.
    done_before_cutoff: dict[int, set[str]] = {agent.id: set() for agent in agents}
    for agent_id, mission_id, finished_at in started:
        mission = by_id.get(mission_id)
        if mission is None or agent_id not in done_before_cutoff:
            continue
        key = (agent_id, mission_id)
        progress.cells[key] = _cell(mission, finished_at, tries.get(key, (None, None))[0], key in confirmed)
        if progress.cells[key] == WAITING:
            progress.waiting_since[key] = finished_at
        moment = confirmed.get(key) if mission.is_offline else finished_at
        if moment is not None and moment <= cutoff:
            done_before_cutoff[agent_id].add(mission_id)
    last_answer: dict[int, datetime] = {}
    for (agent_id, _mission_id), (_most, last) in tries.items():
        if last and (agent_id not in last_answer or last > last_answer[agent_id]):
            last_answer[agent_id] = last
    for agent in agents:
        moments = [moment for moment in (last_answer.get(agent.id), agent.last_sign_in_at) if moment]
        progress.last_active[agent.id] = max(moments) if moments else None
        done = done_before_cutoff[agent.id]
        missing = tuple(mission.id for mission in missions if mission.id in progress.core and mission.id not in done)
        has_offline = any(by_id[mission_id].is_offline for mission_id in done)
        progress.qualification[agent.id] = Qualification(not missing and has_offline and bool(progress.core),
                                                         missing, not has_offline)
    return progress


SORTS = ("name", "done", "xp", "active")


def sorted_agents(progress: ClassProgress, sort: str) -> list[MatrixAgent]:
    """Rows for the matrix: by agent name, most missions done, most XP, or most recently active."""
    keys = {
        "name": lambda agent: agent.agent_name.lower(),
        "done": lambda agent: (-progress.done_count(agent.id), agent.agent_name.lower()),
        "xp": lambda agent: (-progress.xp.get(agent.id, 0), agent.agent_name.lower()),
        "active": lambda agent: (progress.last_active[agent.id] is None,
                                 -(progress.last_active[agent.id] or datetime(2000, 1, 1)).timestamp(),
                                 agent.agent_name.lower()),
    }
    return sorted(progress.agents, key=keys.get(sort, keys["name"]))

"""Playing a mission: answers checked on the server, XP by the rules of DESIGN §4.

XP exactly: a scored step earns 10 when right on the first try, 5 on the second, 2 after
that; using the hint halves it (integer division). Finishing a mission earns its ``xp``
once; an offline mission's ``xp`` comes when it is confirmed. Every award is one row in the
ledger with a unique key, so a double click, a resubmit or two tabs never count twice.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, bindparam, case, func, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ..content import Mission, Rank, Step
from ..content.kinds import StepKind
from ..models import MISSION_DONE, MissionProgress, StepResult, XpEntry, utcnow
from . import board_versions
from .upsert import InsertOrUpdate, InsertUnlessPresent

AGENT_LEDGER_KEY = ["agent_id", "season_id", "source_type", "source_id", "step_key"]


class PlayError(ValueError):
    """An answer for a step that is not the one to play now."""


class TooFast(RuntimeError):
    """Many wrong tries at one step, coming faster than a child types: a script guessing. Nothing is written."""


RAPID_TRIES = 10  # tries at one step before the next must wait RAPID_SECONDS after the last
RAPID_SECONDS = 1.0


@dataclass(frozen=True)
class Outcome:
    correct: bool
    xp: int = 0  # XP this answer earned for the step
    mission_xp: int = 0  # the mission bonus, when this answer finished the mission
    finished: bool = False
    season_xp: int = 0  # the agent's XP of the season with this answer's, when it earned some


def step_xp(tries: int, hint_used: bool) -> int:
    base = 10 if tries == 1 else 5 if tries == 2 else 2
    return base // 2 if hint_used else base


# Statements on the hot paths are built once with bound parameters: building them cost more than running them.
_ONE_MISSION = (MissionProgress.agent_id == bindparam("agent_id"), MissionProgress.season_id == bindparam("season_id"),
                MissionProgress.mission_id == bindparam("mission_id"))
_PROGRESS = select(MissionProgress).where(*_ONE_MISSION)
_SEASON_XP = select(func.coalesce(func.sum(XpEntry.xp), 0)).where(XpEntry.agent_id == bindparam("agent_id"),
                                                                  XpEntry.season_id == bindparam("season_id"))
_PROGRESS_AND_XP = select(MissionProgress, _SEASON_XP.scalar_subquery()).where(*_ONE_MISSION)  # read by every answer
_START = InsertUnlessPresent(MissionProgress, ["agent_id", "season_id", "mission_id"])
_progress_table = MissionProgress.__table__
_MOVE = (update(_progress_table)  # on the table: the caller updates the loaded progress itself
         .where(_progress_table.c.id == bindparam("progress_id"), _progress_table.c.position == bindparam("from_position"))
         .values(position=bindparam("to_position")).returning(_progress_table.c.position))
_MOVE_AND_FINISH = _MOVE.values(finished_at=bindparam("now"))
_STEP_KEY = ["agent_id", "season_id", "mission_id", "step_key"]
_ONE_STEP = [getattr(StepResult, column) == bindparam(column) for column in _STEP_KEY]
_RESULT = select(StepResult).where(*_ONE_STEP)
_SOLVED_AT = select(StepResult.solved_at).where(*_ONE_STEP)
_NEW_RESULT = InsertUnlessPresent(StepResult, _STEP_KEY)
_TRY = InsertOrUpdate(  # a try: the result row created, or its tries raised; only while unsolved and unhurried
    StepResult, _STEP_KEY,
    changes=lambda new: {"tries": StepResult.tries + 1, "answered_at": new.answered_at, "solved_at": new.solved_at},
    where=StepResult.solved_at.is_(None) & ((StepResult.tries < RAPID_TRIES)
                                            | (StepResult.answered_at <= bindparam("hurried_before"))),
    returning=(StepResult.tries, StepResult.hint_used))
_LEDGER_ROW = InsertUnlessPresent(XpEntry, AGENT_LEDGER_KEY, index_where=text("agent_id IS NOT NULL"))


def progress(session: Session, agent_id: int, season_id: int, mission_id: str) -> MissionProgress:
    """The agent's progress in a mission this season, created on first use."""
    return _read_or_start(session, _PROGRESS, agent_id, season_id, mission_id)[0]


def _progress_and_xp(session: Session, agent_id: int, season_id: int, mission_id: str) -> tuple[MissionProgress, int]:
    """The progress, created on first use, and the agent's XP of the season before this answer: read together,
    since an answer that earns XP tells whether it reached a new rank."""
    state, season_xp = _read_or_start(session, _PROGRESS_AND_XP, agent_id, season_id, mission_id)
    return state, int(season_xp)


def _read_or_start(session: Session, query: Select, agent_id: int, season_id: int, mission_id: str) -> Row:
    """The row ``query`` reads for the mission's progress, which is created first if it is not there.

    Read first: an answer usually finds it, and a transaction that has not written yet holds no write lock
    (SQLite) while it checks the answer.
    """
    keys = {"agent_id": agent_id, "season_id": season_id, "mission_id": mission_id}
    found = session.execute(query, keys).one_or_none()
    if found is None:
        _START(session, {**keys, "position": 0, "started_at": utcnow()})
        found = session.execute(query, keys).one()
    return found


def current_step(mission: Mission, state: MissionProgress | Row) -> Step | None:
    return mission.steps[state.position] if state.position < len(mission.steps) else None


def _result(session: Session, agent_id: int, season_id: int, mission_id: str, step_key: str) -> StepResult:
    keys = {"agent_id": agent_id, "season_id": season_id, "mission_id": mission_id, "step_key": step_key}
    _NEW_RESULT(session, {**keys, "tries": 0, "hint_used": False, "answered_at": utcnow()})
    return session.scalars(_RESULT, keys).one()


def _record_try(session: Session, agent_id: int, season_id: int, mission_id: str, step_key: str,
                correct: bool) -> Row | None:
    """One try at a step, written in one statement: its result row created, or its tries raised, and solved when
    ``correct``. Returns the row's ``tries`` and ``hint_used``, or None when nothing was written: the step was
    solved before, or it had many tries and the last one came less than ``RAPID_SECONDS`` ago."""
    now = utcnow()
    return _TRY(session, {"agent_id": agent_id, "season_id": season_id, "mission_id": mission_id,
                          "step_key": step_key, "tries": 1, "hint_used": False, "answered_at": now,
                          "solved_at": now if correct else None,
                          "hurried_before": now - timedelta(seconds=RAPID_SECONDS)})


def _solved(session: Session, agent_id: int, season_id: int, mission_id: str, step_key: str) -> bool:
    return session.scalar(_SOLVED_AT, {"agent_id": agent_id, "season_id": season_id, "mission_id": mission_id,
                                       "step_key": step_key}) is not None


def _write_ledger(session: Session, agent_id: int, season_id: int, source_type: str, source_id: str,
                  step_key: str, xp: int) -> bool:
    """One ledger row, unless it is there already; True when written. The caller raises the boards' version."""
    return _LEDGER_ROW(session, {"agent_id": agent_id, "season_id": season_id, "source_type": source_type,
                                 "source_id": source_id, "step_key": step_key, "xp": xp, "created_at": utcnow()})


def award(session: Session, agent_id: int, season_id: int, source_type: str, source_id: str,
          step_key: str, xp: int) -> int:
    """One ledger row; returns the XP when it is new, 0 when it was already there."""
    if not _write_ledger(session, agent_id, season_id, source_type, source_id, step_key, xp):
        return 0
    board_versions.bump(session, agent_id, season_id)
    return xp


def _play_xp(session: Session, agent_id: int, season_id: int, mission: Mission, step_key: str, xp: int) -> bool:
    """XP for playing, True when written: never for playing a mission you made yourself (no farming your own easy
    mission)."""
    return mission.maker_id != agent_id and _write_ledger(session, agent_id, season_id, mission.ledger_source,
                                                          mission.id, step_key, xp)


def _advance(session: Session, mission: Mission, state: MissionProgress, agent_id: int, season_id: int,
             from_position: int) -> tuple[bool, bool]:
    """Move past ``from_position`` (only once), in one statement with finishing the mission after its last step.
    Returns whether it finished now, and whether its bonus was written to the ledger."""
    finishing = from_position + 1 >= len(mission.steps)
    now = utcnow()
    moved = session.execute(_MOVE_AND_FINISH if finishing else _MOVE, {
        "progress_id": state.id, "from_position": from_position, "to_position": from_position + 1, "now": now,
    }).scalar_one_or_none()
    if moved is None:  # another request moved it first
        session.refresh(state)
        return False, False
    set_committed_value(state, "position", moved)
    if not finishing:
        return False, False
    set_committed_value(state, "finished_at", now)
    return True, not mission.is_offline and _play_xp(session, agent_id, season_id, mission, MISSION_DONE, mission.xp)


def _played(session: Session, mission: Mission, agent_id: int, season_id: int, season_xp: int, *, finished: bool,
            earned: int = 0, bonus: bool = False) -> Outcome:
    """A right answer or a step gone past: the boards' version raised once for what it wrote to the ledger
    (``earned``: the step's XP, written; ``bonus``: the mission's, written). ``season_xp``: the agent's XP of the
    season before this answer."""
    if earned or bonus:
        board_versions.bump(session, agent_id, season_id)
    mission_xp = mission.xp if bonus else 0
    return Outcome(correct=True, xp=earned, mission_xp=mission_xp, finished=finished,
                   season_xp=season_xp + earned + mission_xp)


def _locate(mission: Mission, state: MissionProgress, step_key: str) -> tuple[int, Step]:
    for position, step in enumerate(mission.steps):
        if step.key == step_key:
            if position > state.position:
                raise PlayError("not_yet")
            return position, step
    raise PlayError("no_such_step")


def answer(session: Session, kinds: dict[str, StepKind], agent_id: int, season_id: int, mission: Mission,
           step_key: str, given: Any) -> Outcome:
    """Check an answer to a scored step; an earlier, solved step is answered again for nothing."""
    state, season_xp = _progress_and_xp(session, agent_id, season_id, mission.id)
    position, step = _locate(mission, state, step_key)
    kind = kinds[step.kind]
    if not kind.scored:
        raise PlayError("not_scored")
    correct = kind.is_right(step.data, given)
    tried = _record_try(session, agent_id, season_id, mission.id, step.key, correct)
    if tried is None:
        if _solved(session, agent_id, season_id, mission.id, step.key):
            return Outcome(correct=True)
        raise TooFast()
    if not correct:
        return Outcome(correct=False)
    xp = step_xp(tried.tries, tried.hint_used)
    written = _play_xp(session, agent_id, season_id, mission, step.key, xp)
    finished, bonus = _advance(session, mission, state, agent_id, season_id, position)
    return _played(session, mission, agent_id, season_id, season_xp, finished=finished,
                   earned=xp if written else 0, bonus=bonus)


def go_on(session: Session, kinds: dict[str, StepKind], agent_id: int, season_id: int, mission: Mission,
          step_key: str) -> Outcome:
    """Continue past an unscored step (info, or an offline task the teacher confirms later)."""
    state, season_xp = _progress_and_xp(session, agent_id, season_id, mission.id)
    position, step = _locate(mission, state, step_key)
    if kinds[step.kind].scored:
        raise PlayError("needs_answer")
    if position < state.position:
        return Outcome(correct=True)
    finished, bonus = _advance(session, mission, state, agent_id, season_id, position)
    return _played(session, mission, agent_id, season_id, season_xp, finished=finished, bonus=bonus)


def take_hint(session: Session, agent_id: int, season_id: int, mission: Mission, step_key: str) -> None:
    """Using the hint halves the step's XP; after the step is solved it changes nothing."""
    state = progress(session, agent_id, season_id, mission.id)
    _position, step = _locate(mission, state, step_key)
    result = _result(session, agent_id, season_id, mission.id, step.key)
    if result.solved_at is None:
        result.hint_used = True


def total_xp(session: Session, agent_id: int, season_id: int) -> int:
    return session.scalar(_SEASON_XP, {"agent_id": agent_id, "season_id": season_id}) or 0


@dataclass(frozen=True)
class RankStanding:
    rank: Rank
    next_rank: Rank | None
    xp: int

    @property
    def percent_to_next(self) -> int:
        if self.next_rank is None:
            return 100
        span = self.next_rank.min_xp - self.rank.min_xp
        return min(100, (self.xp - self.rank.min_xp) * 100 // span)


def standing(ranks: list[Rank], xp: int) -> RankStanding:
    """The highest rank reached with ``xp``, and the next one (ranks sorted by min_xp)."""
    reached = [rank for rank in ranks if rank.min_xp <= xp]
    current = reached[-1]
    later = [rank for rank in ranks if rank.min_xp > xp]
    return RankStanding(current, later[0] if later else None, xp)


_progress, _results = MissionProgress.__table__.c, StepResult.__table__.c
_THIS_MISSION = (_progress.season_id == bindparam("season_id")) & (_progress.mission_id == bindparam("mission_id"))
_HINTED_IN_IT = ((_results.agent_id == _progress.agent_id) & (_results.season_id == _progress.season_id)
                 & (_results.mission_id == _progress.mission_id) & _results.hint_used.is_(True))
_PROGRESS_AND_HINTS = (  # read after an answer that stays on its step: on the tables, skipping the ORM
    select(_progress.position, _progress.finished_at, _results.step_key)
    .select_from(MissionProgress.__table__)
    .outerjoin(StepResult.__table__, _HINTED_IN_IT)
    .where(_progress.agent_id == bindparam("agent_id"), _THIS_MISSION))

Progress = Row[tuple[int, datetime | None, str | None]]


def with_progress_and_hints(statement: Select, agent_id: ColumnElement[int]) -> Select:
    """``statement``, which reads one agent, with that agent's progress in one mission (bind parameters
    ``season_id`` and ``mission_id``) and the steps whose hint they took: the columns ``position``,
    ``finished_at`` and ``step_key``, one row per hinted step. A page that reads its signed-in agent anyway
    gets the progress in the same round trip (web/signed_in.py); ``progress_in`` reads the rows."""
    return (statement.add_columns(_progress.position, _progress.finished_at, _results.step_key)
            .outerjoin(MissionProgress.__table__, (_progress.agent_id == agent_id) & _THIS_MISSION)
            .outerjoin(StepResult.__table__, _HINTED_IN_IT))


def progress_in(rows: Sequence[Row]) -> tuple[Progress | None, frozenset[str]]:
    """The progress (a row with ``position`` and ``finished_at``; None before the mission started) and the
    hinted steps, from the rows of the progress query or of ``with_progress_and_hints``."""
    if not rows or rows[0].position is None:
        return None, frozenset()
    return rows[0], frozenset(row.step_key for row in rows if row.step_key is not None)


def find_progress(session: Session, agent_id: int, season_id: int,
                  mission_id: str) -> tuple[Progress | None, frozenset[str]]:
    """The agent's progress in a mission, read only (its ``position`` and ``finished_at``; None before it
    started), and the steps whose hint they took, in one query: the step page needs both."""
    return progress_in(session.execute(_PROGRESS_AND_HINTS, {"agent_id": agent_id, "season_id": season_id,
                                                             "mission_id": mission_id}).all())


_SEASONS_PROGRESS = select(MissionProgress).where(MissionProgress.agent_id == bindparam("agent_id"),
                                                  MissionProgress.season_id == bindparam("season_id"))


def progress_by_mission(session: Session, agent_id: int, season_id: int) -> dict[str, MissionProgress]:
    rows = session.scalars(_SEASONS_PROGRESS, {"agent_id": agent_id, "season_id": season_id})
    return {row.mission_id: row for row in rows}


_FROM_MISSION = ((XpEntry.source_type == bindparam("source_type")) & (XpEntry.source_id == bindparam("mission_id"))
                 & XpEntry.step_key.in_(bindparam("step_keys", expanding=True)))
_MISSION_AND_TOTAL_XP = (  # read by a mission's end page, which a child may open again and again
    select(func.coalesce(func.sum(case((_FROM_MISSION, XpEntry.xp), else_=0)), 0),
           func.coalesce(func.sum(XpEntry.xp), 0))
    .where(XpEntry.agent_id == bindparam("agent_id"), XpEntry.season_id == bindparam("season_id")))


def mission_and_total_xp(session: Session, agent_id: int, season_id: int, mission: Mission) -> tuple[int, int]:
    """XP earned by playing the mission (its steps and its finishing bonus, not a maker's reward) and the
    agent's XP of the season, in one query over the agent's ledger."""
    earned, total = session.execute(_MISSION_AND_TOTAL_XP, {
        "agent_id": agent_id, "season_id": season_id, "source_type": mission.ledger_source,
        "mission_id": mission.id, "step_keys": [step.key for step in mission.steps] + [MISSION_DONE]}).one()
    return int(earned), int(total)


def award_offline(session: Session, agent_id: int, season_id: int, mission: Mission) -> int:
    """An offline mission's XP, when its real-world task is confirmed (once)."""
    return award(session, agent_id, season_id, "offline", mission.id, MISSION_DONE, mission.xp)


def award_class_quest(session: Session, agent_id: int, season_id: int, mission: Mission) -> int:
    """A class quest's XP, when the child enters the class's code (once)."""
    return award(session, agent_id, season_id, "class_quest", mission.id, MISSION_DONE, mission.xp)

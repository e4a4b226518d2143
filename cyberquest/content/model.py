"""What a loaded content pack holds: plain, immutable data."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


@dataclass(frozen=True)
class Text:
    """A user-facing text; English falls back to Dutch."""

    nl: str
    en: str | None = None

    def get(self, locale: str) -> str:
        return (self.en or self.nl) if locale == "en" else self.nl


@dataclass(frozen=True)
class Problem:
    """One finding of the content check: ``FILE: FIELD: REASON``."""

    file: str
    field: str
    reason: str
    is_error: bool = True

    def __str__(self) -> str:
        reason = self.reason if self.is_error else f"warning: {self.reason}"
        return f"{self.file}: {self.field or '-'}: {reason}"


@dataclass(frozen=True)
class Step:
    kind: str
    key: str  # the step's stable id, or its position when the file gives none
    data: dict[str, Any]  # the validated table, texts as Text


@dataclass(frozen=True)
class Mission:
    id: str
    track: str
    order: int
    core: bool
    xp: int
    title: Text
    intro: Text
    tip: Text
    steps: tuple[Step, ...]
    source: str  # file, relative to the modules root
    class_quest: bool = False  # played together on the smartboard; children redeem a code
    maker_id: int | None = None  # the agent who built it in the Level Maker; None for a modules/ file

    @cached_property  # asked for every cell of a class's matrix; a mission never changes once loaded
    def is_offline(self) -> bool:
        return any(step.kind == "offline" for step in self.steps)

    @property
    def played_alone(self) -> bool:
        """One child plays it and finishes it without a teacher: not a class quest, no offline task."""
        return not self.class_quest and not self.is_offline

    @property
    def ledger_source(self) -> str:
        """The source type of its XP in the ledger (DESIGN §4)."""
        return "mission" if self.maker_id is None else "made_mission"


@dataclass(frozen=True)
class Lesson:
    id: str
    title: Text
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class GlossaryEntry:
    term: Text
    meaning: Text


@dataclass(frozen=True)
class Course:
    """A senior course: lessons of the same step kinds as missions, no points."""

    id: str
    title: Text
    summary: Text
    audience: str
    glossary: tuple[GlossaryEntry, ...]
    lessons: tuple[Lesson, ...]
    source: str


@dataclass(frozen=True)
class Track:
    id: str
    title: Text
    order: int
    icon: str


@dataclass(frozen=True)
class Rank:
    id: str
    title: Text
    min_xp: int


@dataclass(frozen=True)
class Rule:
    """One badge rule: its kind and parameters, e.g. ``mission_done`` with ``{"mission": "hoi-mam"}``."""

    kind: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Badge:
    id: str
    title: Text
    description: Text  # says how the badge is earned (shown greyed out before that)
    icon: str  # a file in static/badges/
    audiences: frozenset[str]  # "agent", "learner" or both
    rule: Rule


@dataclass
class ContentPack:
    missions: dict[str, Mission] = field(default_factory=dict)
    courses: dict[str, Course] = field(default_factory=dict)
    tracks: dict[str, Track] = field(default_factory=dict)
    ranks: list[Rank] = field(default_factory=list)
    badges: dict[str, Badge] = field(default_factory=dict)  # in file order
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.is_error]

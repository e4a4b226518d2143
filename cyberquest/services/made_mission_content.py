"""A made mission's content: the same structure as a ``modules/`` file, checked by the same checker.

Children write plain strings in one language; as a module they become ``{ nl = "…" }`` texts.
Limits keep every mission short (3–6 steps) and every text small; the checker's findings are
turned into messages a child understands.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import tomli_w

from ..content import Mission, Step
from ..content.fields import FileCheck
from ..content.kinds import StepKind
from ..content.loader import parse_mission

MADE_TRACK = "gemaakt"  # the track of exported missions (modules/tracks.toml)
MADE_XP = 20  # the finishing bonus: a fifth of a usual mission, so nobody farms XP on an easy mission
KINDS = ("info", "choice", "truefalse", "hotspot", "sort", "order")
SCREENS = ("whatsapp", "sms", "email")
MIN_STEPS, MAX_STEPS = 3, 6
PLAIN_KEYS = {"kind", "screen", "id"}
LIMITS = {"title": 60, "intro": 300, "tip": 200, "question": 150, "text": 300, "statement": 200, "explain": 200,
          "sender": 40, "subject": 80, "why": 150, "option": 80, "category": 30, "item": 80, "part": 150}


def empty() -> dict:
    return {"title": "", "intro": "", "tip": "", "steps": []}


def _as_texts(value: Any, key: str | None = None) -> Any:
    if isinstance(value, str):
        return value if key in PLAIN_KEYS else {"nl": value}
    if isinstance(value, list):
        return [_as_texts(item, key) for item in value]
    if isinstance(value, dict):
        return {k: _as_texts(v, k) for k, v in value.items() if v not in (None, "") or k in ("title", "intro", "tip")}
    return value


def as_module(mission_id: str, content: dict) -> dict:
    """The mission exactly as a ``modules/missions/<id>.toml`` file holds it."""
    body = _as_texts({key: content.get(key, "") for key in ("title", "intro", "tip")})
    return {"id": mission_id, "track": MADE_TRACK, "order": 1, "xp": MADE_XP, **body,
            "steps": [_as_texts(step) for step in content.get("steps", [])]}


def as_toml(mission_id: str, content: dict) -> str:
    return tomli_w.dumps(as_module(mission_id, content))


@dataclass(frozen=True)
class Finding:
    step: int | None  # 1-based, None for the title, intro or tip
    reason: str  # a code for the message a child reads, see web/agent_maker.py


def _finding(field: str) -> Finding:
    match = re.match(r"steps\[(\d+)\]\.?(\w*)", field)
    if match is None:
        return Finding(None, field.split(".")[0] if field.split(".")[0] in ("title", "intro", "tip") else "other")
    part = match.group(2)
    reason = part if part in ("question", "answer", "options", "parts", "items", "categories", "text",
                              "statement", "sender") else "other"
    return Finding(int(match.group(1)) + 1, reason)


def check(mission_id: str, content: dict, kinds: dict[str, StepKind]) -> list[Finding]:
    """What still has to be done before the mission can be sent to the teacher (empty: ready)."""
    findings = []
    steps = content.get("steps", [])
    if not MIN_STEPS <= len(steps) <= MAX_STEPS:
        findings.append(Finding(None, "step_count"))
    if any(step.get("kind") not in KINDS for step in steps):
        findings.append(Finding(None, "other"))
    _mission, result = parse_mission(f"gemaakt/{mission_id}.toml", as_module(mission_id, content), kinds)
    for problem in result.problems:
        if problem.is_error and _finding(problem.field) not in findings:
            findings.append(_finding(problem.field))
    return findings


def preview_step(step: dict, kinds: dict[str, StepKind]) -> Step | None:
    """One step as players will see it, or None while it is not finished."""
    kind = kinds.get(step.get("kind", ""))
    if kind is None:
        return None
    data = kind.validate(FileCheck("preview"), _as_texts(step), "step")
    return None if data is None else Step(kind.name, step.get("id", "preview"), data)


def as_mission(mission_id: str, content: dict, kinds: dict[str, StepKind], maker_id: int) -> Mission | None:
    """The playable mission, or None while the content does not pass the checker."""
    mission, result = parse_mission(f"gemaakt/{mission_id}.toml", as_module(mission_id, content), kinds)
    if mission is None or result.failed:
        return None
    return Mission(mission.id, mission.track, mission.order, False, mission.xp, mission.title, mission.intro,
                   mission.tip, mission.steps, mission.source, maker_id=maker_id)

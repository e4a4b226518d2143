"""``badges.toml``: each ``[[badge]]`` with one rule, checked against everything else loaded."""
from __future__ import annotations

import re
from pathlib import Path

from .fields import FileCheck, at
from .model import Badge, ContentPack, Rule
from .rules import AGENT, LEARNER, RULE_SPECS
from .toml_files import read_toml

BADGE_KEYS = {"id", "title", "description", "icon", "audience", "rule"}
ICON_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.svg$")
FILE = "badges.toml"


def _audiences(check: FileCheck, table: dict, field: str) -> frozenset[str] | None:
    value = table.get("audience")
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values or not set(values) <= {AGENT, LEARNER}:
        check.error(at(field, "audience"), 'must be "agent", "learner" or ["agent", "learner"]')
        return None
    return frozenset(values)


def _icon(check: FileCheck, table: dict, field: str, icons: Path | None) -> str | None:
    icon = table.get("icon")
    if not isinstance(icon, str) or not ICON_NAME.match(icon):
        check.error(at(field, "icon"), "must be an SVG file name like shield.svg")
        return None
    if icons is not None and not (icons / icon).is_file():
        check.error(at(field, "icon"), f"no file {icon!r} in static/badges/")
        return None
    return icon


def _known_ids(pack: ContentPack) -> dict[str, set[str]]:
    return {"mission": set(pack.missions), "track": set(pack.tracks), "course": set(pack.courses),
            "rank": {rank.id for rank in pack.ranks}}


def _rule(check: FileCheck, table: dict, field: str, audiences: frozenset[str] | None,
          known: dict[str, set[str]]) -> Rule | None:
    field = at(field, "rule")
    rule = table.get("rule")
    if not isinstance(rule, dict):
        check.error(field, 'must be a table like { kind = "mission_done", mission = "hoi-mam" }')
        return None
    spec = RULE_SPECS.get(rule.get("kind"))  # type: ignore[arg-type]
    if spec is None:
        check.error(at(field, "kind"), f"unknown rule kind (use one of: {', '.join(RULE_SPECS)})")
        return None
    before = len(check.problems)
    check.only_keys(rule, {"kind"} | {param.name for param in spec.params}, field)
    if audiences is not None and not audiences <= spec.audiences:
        check.error(at(field, "kind"), f"{spec.kind} can only be earned by: {', '.join(sorted(spec.audiences))}")
    params = {}
    for param in spec.params:
        if param.refers_to == "count":
            value = check.integer(rule, param.name, field, minimum=1, maximum=1000, required=param.required)
        else:
            value = check.identifier(rule, param.name, field, required=param.required)
            if value is not None and value not in known[param.refers_to]:
                check.error(at(field, param.name), f"no {param.refers_to} {value!r} is loaded")
        if value is not None:
            params[param.name] = value
    return None if len(check.problems) > before else Rule(spec.kind, params)


def load_badges(root: Path, pack: ContentPack, icons: Path | None) -> None:
    """Optional file; badges that reference missing missions, courses, tracks or ranks do not load."""
    path = root / FILE
    if not path.exists():
        return
    data = read_toml(root, path, pack.problems)
    if data is None:
        return
    check = FileCheck(FILE)
    check.only_keys(data, {"badge"}, "")
    known = _known_ids(pack)
    for index, table in enumerate(check.tables(data, "badge", "") or []):
        field = at("badge", index)
        check.only_keys(table, BADGE_KEYS, field)
        before = len(check.problems)
        badge_id = check.identifier(table, "id", field)
        title, description = check.text(table, "title", field), check.text(table, "description", field)
        icon = _icon(check, table, field, icons)
        audiences = _audiences(check, table, field)
        rule = _rule(check, table, field, audiences, known)
        if badge_id in pack.badges:
            check.error(at(field, "id"), f"duplicate badge id {badge_id!r}")
        elif not any(problem.is_error for problem in check.problems[before:]):
            pack.badges[badge_id] = Badge(badge_id, title, description, icon, audiences, rule)  # type: ignore[arg-type]
    pack.problems.extend(check.problems)

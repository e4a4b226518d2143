"""Read and validate a modules root; every problem is reported and bad files are skipped."""
from __future__ import annotations

import tomllib
from collections import defaultdict
from pathlib import Path

from .fields import FileCheck, at
from .kinds import StepKind
from .model import ContentPack, Mission, Problem, Rank, Step, Track

MISSION_KEYS = {"id", "track", "order", "core", "xp", "title", "intro", "tip", "steps"}


def _read_toml(root: Path, path: Path, problems: list[Problem]) -> dict | None:
    relative = path.relative_to(root).as_posix()
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        problems.append(Problem(relative, "-", f"invalid TOML: {error}"))
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(relative, "-", f"cannot be read: {error}"))
    return None


def _read_required(root: Path, name: str, pack: ContentPack) -> dict | None:
    """A file every pack needs (tracks.toml, ranks.toml); a missing one is an error."""
    path = root / name
    if not path.exists():
        pack.problems.append(Problem(name, "-", "file is missing"))
        return None
    return _read_toml(root, path, pack.problems)


def _load_tracks(root: Path, pack: ContentPack) -> None:
    data = _read_required(root, "tracks.toml", pack)
    if data is None:
        return
    check = FileCheck("tracks.toml")
    check.only_keys(data, {"track"}, "")
    for index, table in enumerate(check.tables(data, "track", "") or []):
        field = at("track", index)
        check.only_keys(table, {"id", "title", "order", "icon"}, field)
        before = len(check.problems)
        track_id = check.identifier(table, "id", field)
        title = check.text(table, "title", field)
        order = check.integer(table, "order", field, minimum=1)
        icon = table.get("icon")
        if not isinstance(icon, str) or not icon:
            check.error(at(field, "icon"), "must be a file name")
        if track_id in pack.tracks:
            check.error(at(field, "id"), f"duplicate track id {track_id!r}")
        elif not any(p.is_error for p in check.problems[before:]):
            pack.tracks[track_id] = Track(track_id, title, order, icon)  # type: ignore[arg-type]
    pack.problems.extend(check.problems)


def _load_ranks(root: Path, pack: ContentPack) -> None:
    data = _read_required(root, "ranks.toml", pack)
    if data is None:
        return
    check = FileCheck("ranks.toml")
    check.only_keys(data, {"rank"}, "")
    ranks = []
    for index, table in enumerate(check.tables(data, "rank", "") or []):
        field = at("rank", index)
        check.only_keys(table, {"id", "title", "min_xp"}, field)
        before = len(check.problems)
        rank = Rank(check.identifier(table, "id", field), check.text(table, "title", field),  # type: ignore[arg-type]
                    check.integer(table, "min_xp", field, minimum=0))  # type: ignore[arg-type]
        if not any(p.is_error for p in check.problems[before:]):
            ranks.append(rank)
    ranks.sort(key=lambda rank: rank.min_xp)
    if ranks and ranks[0].min_xp != 0:
        check.error("rank", "the first rank must start at min_xp = 0")
    if len({rank.min_xp for rank in ranks}) != len(ranks) or len({rank.id for rank in ranks}) != len(ranks):
        check.error("rank", "rank ids and min_xp values must be unique")
    if not check.failed:
        pack.ranks = ranks
    pack.problems.extend(check.problems)


def _parse_mission(relative: str, data: dict, kinds: dict[str, StepKind]) -> tuple[Mission | None, FileCheck]:
    check = FileCheck(relative)
    check.only_keys(data, MISSION_KEYS, "")
    mission_id = check.identifier(data, "id", "")
    track = check.identifier(data, "track", "")
    order = check.integer(data, "order", "", minimum=1)
    core = check.boolean(data, "core", "", required=False, default=False)
    xp = check.integer(data, "xp", "", minimum=0, maximum=10_000)
    title, intro, tip = (check.text(data, key, "") for key in ("title", "intro", "tip"))
    steps, seen_keys = [], set()
    for position, table in enumerate(check.tables(data, "steps", "") or []):
        field = at("steps", position)
        kind = kinds.get(table.get("kind"))  # type: ignore[arg-type]
        if kind is None:
            check.error(at(field, "kind"), f"unknown step kind (use one of: {', '.join(kinds)})")
            continue
        key = check.identifier(table, "id", field, required=False) or str(position)
        if key in seen_keys:
            check.error(at(field, "id"), f"duplicate step id {key!r}")
        seen_keys.add(key)
        step_data = kind.validate(check, table, field)
        if step_data is not None:
            steps.append(Step(kind.name, key, step_data))
    if check.failed:
        return None, check
    mission = Mission(mission_id, track, order, bool(core), xp, title, intro, tip,  # type: ignore[arg-type]
                      tuple(steps), relative)
    return mission, check


def _load_missions(root: Path, pack: ContentPack, kinds: dict[str, StepKind]) -> None:
    by_id: dict[str, list[Mission]] = defaultdict(list)
    for path in sorted((root / "missions").glob("*.toml")):
        relative = path.relative_to(root).as_posix()
        data = _read_toml(root, path, pack.problems)
        if data is None:
            continue
        mission, check = _parse_mission(relative, data, kinds)
        if mission is not None and mission.track not in pack.tracks:
            check.error("track", f"no track {mission.track!r} in tracks.toml")
            mission = None
        pack.problems.extend(check.problems)
        if mission is not None:
            by_id[mission.id].append(mission)
    for mission_id, missions in by_id.items():
        if len(missions) > 1:
            others = ", ".join(m.source for m in missions)
            pack.problems.extend(Problem(m.source, "id", f"duplicate mission id {mission_id!r} ({others})")
                                 for m in missions)
        else:
            pack.missions[mission_id] = missions[0]


def load_content(root: Path, kinds: dict[str, StepKind]) -> ContentPack:
    """Load everything under ``root``; valid files load even when others have problems."""
    pack = ContentPack()
    _load_tracks(root, pack)
    _load_ranks(root, pack)
    _load_missions(root, pack, kinds)
    pack.problems.sort(key=lambda problem: (problem.file, not problem.is_error))
    return pack

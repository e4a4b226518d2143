"""Read and validate a modules root; every problem is reported and bad files are skipped."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from .badges_loader import ICON_NAME, load_badges
from .fields import FileCheck, at
from .kinds import StepKind
from .model import ContentPack, Course, GlossaryEntry, Lesson, Mission, Problem, Rank, Step, Track
from .toml_files import read_toml

MISSION_KEYS = {"id", "track", "order", "core", "class", "xp", "title", "intro", "tip", "steps"}
COURSE_KEYS = {"id", "title", "summary", "audience", "glossary", "lessons"}
AUDIENCES = ("senior",)


def _read_required(root: Path, name: str, pack: ContentPack) -> dict | None:
    """A file every pack needs (tracks.toml, ranks.toml); a missing one is an error."""
    path = root / name
    if not path.exists():
        pack.problems.append(Problem(name, "-", "file is missing"))
        return None
    return read_toml(root, path, pack.problems)


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
        if not isinstance(icon, str) or not ICON_NAME.match(icon):
            check.error(at(field, "icon"), "must be an SVG file name like phishing.svg")
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


def _parse_steps(check: FileCheck, table: dict, path: str, kinds: dict[str, StepKind]) -> list[Step]:
    """The ``steps`` list of a mission or a lesson; every problem is recorded on ``check``."""
    steps, seen_keys = [], set()
    for position, step_table in enumerate(check.tables(table, "steps", path) or []):
        field = at(at(path, "steps"), position)
        kind = kinds.get(step_table.get("kind"))  # type: ignore[arg-type]
        if kind is None:
            check.error(at(field, "kind"), f"unknown step kind (use one of: {', '.join(kinds)})")
            continue
        key = check.identifier(step_table, "id", field, required=False) or str(position)
        if key in seen_keys:
            check.error(at(field, "id"), f"duplicate step id {key!r}")
        seen_keys.add(key)
        step_data = kind.validate(check, step_table, field)
        if step_data is not None:
            steps.append(Step(kind.name, key, step_data))
    return steps


def parse_mission(relative: str, data: dict, kinds: dict[str, StepKind]) -> tuple[Mission | None, FileCheck]:
    check = FileCheck(relative)
    check.only_keys(data, MISSION_KEYS, "")
    mission_id = check.identifier(data, "id", "")
    track = check.identifier(data, "track", "")
    order = check.integer(data, "order", "", minimum=1)
    core = check.boolean(data, "core", "", required=False, default=False)
    xp = check.integer(data, "xp", "", minimum=0, maximum=10_000)
    title, intro, tip = (check.text(data, key, "") for key in ("title", "intro", "tip"))
    class_quest = check.boolean(data, "class", "", required=False, default=False)
    steps = _parse_steps(check, data, "", kinds)
    if class_quest and core:
        check.error("class", "a class quest cannot be core: not every child is in class that day")
    if class_quest and any(step.kind == "offline" for step in steps):
        check.error("class", "a class quest is played together in class and cannot have an offline step")
    if check.failed:
        return None, check
    mission = Mission(mission_id, track, order, bool(core), xp, title, intro, tip,  # type: ignore[arg-type]
                      tuple(steps), relative, bool(class_quest))
    return mission, check


def _parse_course(relative: str, data: dict, kinds: dict[str, StepKind]) -> tuple[Course | None, FileCheck]:
    check = FileCheck(relative)
    check.only_keys(data, COURSE_KEYS, "")
    course_id = check.identifier(data, "id", "")
    title, summary = check.text(data, "title", ""), check.text(data, "summary", "")
    audience = check.one_of(data, "audience", "", AUDIENCES)
    glossary = []
    entries = check.tables(data, "glossary", "", minimum=0) if "glossary" in data else []
    for index, entry in enumerate(entries or []):
        field = at("glossary", index)
        check.only_keys(entry, {"term", "meaning"}, field)
        glossary.append(GlossaryEntry(check.text(entry, "term", field), check.text(entry, "meaning", field)))  # type: ignore[arg-type]
    lessons, seen = [], set()
    for index, lesson in enumerate(check.tables(data, "lessons", "") or []):
        field = at("lessons", index)
        check.only_keys(lesson, {"id", "title", "steps"}, field)
        lesson_id = check.identifier(lesson, "id", field)
        if lesson_id in seen:
            check.error(at(field, "id"), f"duplicate lesson id {lesson_id!r}")
        seen.add(lesson_id)
        lessons.append(Lesson(lesson_id, check.text(lesson, "title", field),  # type: ignore[arg-type]
                              tuple(_parse_steps(check, lesson, field, kinds))))
    if check.failed:
        return None, check
    return Course(course_id, title, summary, audience, tuple(glossary), tuple(lessons), relative), check  # type: ignore[arg-type]


def _load_all(root: Path, pack: ContentPack, paths: list[Path], parse, references) -> dict[str, list]:
    """Parse every file; returns the valid items by id (duplicates are dealt with by the caller)."""
    by_id: dict[str, list] = defaultdict(list)
    for path in paths:
        relative = path.relative_to(root).as_posix()
        data = read_toml(root, path, pack.problems)
        if data is None:
            continue
        item, check = parse(relative, data)
        if item is not None:
            for field, reason in references(item):
                check.error(field, reason)
            if check.failed:
                item = None
        pack.problems.extend(check.problems)
        if item is not None:
            by_id[item.id].append(item)
    return by_id


def _keep_unique(pack: ContentPack, by_id: dict[str, list], target: dict, label: str) -> None:
    """Two files with the same id are both reported, and neither loads."""
    for item_id, items in by_id.items():
        if len(items) > 1:
            others = ", ".join(item.source for item in items)
            pack.problems.extend(Problem(item.source, "id", f"duplicate {label} id {item_id!r} ({others})")
                                 for item in items)
        else:
            target[item_id] = items[0]


def _load_missions(root: Path, pack: ContentPack, kinds: dict[str, StepKind]) -> None:
    def references(mission: Mission):
        if mission.track not in pack.tracks:
            yield "track", f"no track {mission.track!r} in tracks.toml"

    paths = sorted((root / "missions").glob("*.toml"))
    by_id = _load_all(root, pack, paths, lambda rel, data: parse_mission(rel, data, kinds), references)
    _keep_unique(pack, by_id, pack.missions, "mission")


def _load_courses(root: Path, pack: ContentPack, kinds: dict[str, StepKind]) -> None:
    def references(course: Course):
        folder = course.source.split("/")[1]
        if folder != course.id:
            yield "id", f"must match its folder name {folder!r}"

    paths = sorted((root / "courses").glob("*/course.toml"))
    by_id = _load_all(root, pack, paths, lambda rel, data: _parse_course(rel, data, kinds), references)
    _keep_unique(pack, by_id, pack.courses, "course")


def load_content(root: Path, kinds: dict[str, StepKind], badge_icons: Path | None = None) -> ContentPack:
    """Load everything under ``root``; valid files load even when others have problems.

    ``badge_icons`` is the folder badge icons must exist in (unchecked when None).
    """
    pack = ContentPack()
    _load_tracks(root, pack)
    _load_ranks(root, pack)
    _load_missions(root, pack, kinds)
    _load_courses(root, pack, kinds)
    load_badges(root, pack, badge_icons)
    pack.problems.sort(key=lambda problem: (problem.file, not problem.is_error))
    return pack

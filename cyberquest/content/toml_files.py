"""Reading one TOML file of a modules root; a broken file becomes a problem, not an exception."""
from __future__ import annotations

import tomllib
from pathlib import Path

from .model import Problem


def read_toml(root: Path, path: Path, problems: list[Problem]) -> dict | None:
    relative = path.relative_to(root).as_posix()
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        problems.append(Problem(relative, "-", f"invalid TOML: {error}"))
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(relative, "-", f"cannot be read: {error}"))
    return None

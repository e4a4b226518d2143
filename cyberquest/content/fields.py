"""Field checks that collect every problem of a file instead of stopping at the first."""
from __future__ import annotations

import re
from typing import Any

from .model import Problem, Text

IDENTIFIER = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LANGUAGES = ("nl", "en")


def at(path: str, key: str | int) -> str:
    """Dotted field path: ``steps[2]`` + ``answer`` -> ``steps[2].answer``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class FileCheck:
    """Checks the tables of one file; each method returns the value or ``None`` when wrong."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    @property
    def failed(self) -> bool:
        return any(problem.is_error for problem in self.problems)

    def error(self, field: str, reason: str) -> None:
        self.problems.append(Problem(self.file, field, reason))

    def warning(self, field: str, reason: str) -> None:
        self.problems.append(Problem(self.file, field, reason, is_error=False))

    def only_keys(self, table: dict, allowed: set[str], path: str) -> None:
        for key in sorted(set(table) - allowed):
            self.error(at(path, key), "unknown key")

    def _present(self, table: dict, key: str, path: str, required: bool) -> Any:
        if key not in table:
            if required:
                self.error(at(path, key), "is required")
            return None
        return table[key]

    def text(self, table: dict, key: str, path: str, required: bool = True) -> Text | None:
        value = self._present(table, key, path, required)
        return None if value is None else self.text_value(value, at(path, key))

    def text_value(self, value: Any, field: str) -> Text | None:
        if not isinstance(value, dict):
            self.error(field, 'must be a table like { nl = "…", en = "…" }')
            return None
        for language in sorted(set(value) - set(LANGUAGES)):
            self.error(at(field, language), "unknown language (use nl and en)")
        dutch, english = value.get("nl"), value.get("en")
        if not isinstance(dutch, str) or not dutch.strip():
            self.error(at(field, "nl"), "Dutch text is required")
            return None
        if english is None:
            self.warning(at(field, "en"), "English text is missing; Dutch is shown instead")
        elif not isinstance(english, str) or not english.strip():
            self.error(at(field, "en"), "must be a non-empty text")
            english = None
        return Text(dutch.strip(), english.strip() if english else None)

    def texts(self, table: dict, key: str, path: str, minimum: int = 1) -> list[Text] | None:
        value = self._present(table, key, path, True)
        if value is None:
            return None
        if not isinstance(value, list) or len(value) < minimum:
            self.error(at(path, key), f"must be a list of at least {minimum} texts")
            return None
        texts = [self.text_value(item, at(at(path, key), index)) for index, item in enumerate(value)]
        return None if any(text is None for text in texts) else texts  # type: ignore[return-value]

    def integer(self, table: dict, key: str, path: str, *, minimum: int | None = None,
                maximum: int | None = None, required: bool = True, default: int | None = None) -> int | None:
        value = self._present(table, key, path, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(at(path, key), "must be a whole number")
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            low = "" if minimum is None else f" from {minimum}"
            high = "" if maximum is None else f" up to {maximum}"
            self.error(at(path, key), f"must be a number{low}{high}")
            return None
        return value

    def boolean(self, table: dict, key: str, path: str, *, required: bool = True,
                default: bool | None = None) -> bool | None:
        value = self._present(table, key, path, required)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(at(path, key), "must be true or false")
            return None
        return value

    def one_of(self, table: dict, key: str, path: str, allowed: tuple[str, ...]) -> str | None:
        value = self._present(table, key, path, True)
        if value is None:
            return None
        if value not in allowed:
            self.error(at(path, key), f"must be one of: {', '.join(allowed)}")
            return None
        return value

    def identifier(self, table: dict, key: str, path: str, required: bool = True) -> str | None:
        value = self._present(table, key, path, required)
        if value is None:
            return None
        if not isinstance(value, str) or not IDENTIFIER.match(value):
            self.error(at(path, key), "must be lowercase letters, digits and single hyphens (a-z0-9-)")
            return None
        return value

    def tables(self, table: dict, key: str, path: str, minimum: int = 1) -> list[dict] | None:
        value = self._present(table, key, path, True)
        if value is None:
            return None
        if not isinstance(value, list) or len(value) < minimum or not all(isinstance(v, dict) for v in value):
            self.error(at(path, key), f"must be a list of at least {minimum} tables")
            return None
        return value

"""The Level Maker's filter: insults, personal data and links in a child's text (DESIGN §7).

It flags, it does not block: the child is asked to look again before sending, the teacher sees
every flag when reviewing. Word lists are data (``modules/word_filter.toml``); the patterns for
phone numbers, e-mail and street addresses and links are here, and the class's own names (from
its consent list and the teacher's notes) are passed in.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

CATEGORIES = ("insult", "phone", "email", "address", "name", "link")
SWAPS = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "@": "a", "$": "s"})
STREET = r"(?:straat|laan|weg|plein|steeg|dreef|singel|kade|gracht|hof|pad|dijk|markt|street|road|avenue|lane)"
PATTERNS = {
    "email": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "phone": re.compile(r"(?<!\d)(?:(?:\+|00)\s?31[\s-]?(?:\(0\))?[\s-]?|0)(?:[\s-]?\d){9}(?!\d)"),
    "address": re.compile(rf"\b\w+{STREET}\s+\d+\w?\b|\b\d+\s+\w+\s+{STREET}\b", re.IGNORECASE),
    "link": re.compile(r"https?://\S+|\bwww\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:nl|com|org|net|be|de|eu|info|shop|app|"
                       r"io|me|tv|gg)\b(?:/\S*)?", re.IGNORECASE),
}


@dataclass(frozen=True)
class Flag:
    field: str  # where in the mission, e.g. "steps[1].parts[0].text"
    category: str  # one of CATEGORIES
    found: str  # the words that were found


def load_words(path: Path) -> frozenset[str]:
    """Every listed word or phrase, lower-case, both languages together."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return frozenset(word.lower() for words in data.get("insults", {}).values() for word in words)


def scan_text(text: str, words: frozenset[str], names: frozenset[str]) -> list[tuple[str, str]]:
    """(category, found) for one text."""
    found: list[tuple[str, str]] = []
    for category, pattern in PATTERNS.items():
        found.extend((category, match.group(0)) for match in pattern.finditer(text))
    if any(category == "email" for category, _ in found):  # an e-mail address is not also a link
        found = [(c, f) for c, f in found if c != "link" or not any(f in e for k, e in found if k == "email")]
    plain = " " + " ".join(re.findall(r"\w+", text.lower().translate(SWAPS))) + " "
    found.extend(("insult", word) for word in sorted(words) if f" {word} " in plain)
    spoken = " " + " ".join(re.findall(r"\w+", text.lower())) + " "
    found.extend(("name", name) for name in sorted(names) if f" {name} " in spoken)
    return found


def _texts(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("kind", "screen", "id"):
                yield from _texts(item, f"{path}.{key}" if path else key)


def scan(content: dict, words: frozenset[str], names: frozenset[str]) -> list[Flag]:
    """Every flag in a made mission's texts, in the order they appear."""
    return [Flag(field, category, found) for field, text in _texts(content, "")
            for category, found in scan_text(text, words, names)]


def first_names(display_names: list[str]) -> frozenset[str]:
    """The first names in a class's consent list ("Sanne V." -> "sanne") and in the teacher's notes."""
    return frozenset(name.split()[0].lower() for name in display_names if name and len(name.split()[0]) > 1)

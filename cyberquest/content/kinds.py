"""The step kinds: each knows its keys, how to validate them and how to check an answer.

The registry is built explicitly (``default_step_kinds``) and handed to the loader and the
app by the factory; nothing registers itself at import time.
"""
from __future__ import annotations

from typing import Any, ClassVar

from zxcvbn import zxcvbn

from .fields import FileCheck, at

COMMON_KEYS = {"kind", "id", "question", "hint", "explain"}
SCREENS = ("whatsapp", "sms", "email", "webshop")
CONFIRMERS = ("teacher", "senior")


class StepKind:
    """Base: ``own_keys`` besides the common ones; ``scored`` kinds earn step XP."""

    name: ClassVar[str]
    own_keys: ClassVar[set[str]] = set()
    scored: ClassVar[bool] = True
    question_required: ClassVar[bool] = True

    def validate(self, check: FileCheck, table: dict, path: str) -> dict[str, Any] | None:
        before = len(check.problems)
        check.only_keys(table, COMMON_KEYS | self.own_keys, path)
        data: dict[str, Any] = {
            "question": check.text(table, "question", path, required=self.question_required),
            "hint": check.text(table, "hint", path, required=False),
            "explain": check.text(table, "explain", path, required=False),
        }
        data.update(self.validate_own(check, table, path))
        return None if any(p.is_error for p in check.problems[before:]) else data

    def validate_own(self, check: FileCheck, table: dict, path: str) -> dict[str, Any]:
        return {}

    def is_right(self, data: dict[str, Any], answer: Any) -> bool:
        """``answer`` is already parsed into the kind's plain form (see each kind)."""
        raise NotImplementedError(f"{self.name} steps are not scored")


class Info(StepKind):
    name = "info"
    own_keys = {"text"}
    scored = False
    question_required = False

    def validate_own(self, check, table, path):
        return {"text": check.text(table, "text", path)}


class Choice(StepKind):
    """One or several right options; the answer is the set of chosen indexes."""

    name = "choice"
    own_keys = {"options", "answer"}

    def validate_own(self, check, table, path):
        options = check.texts(table, "options", path, minimum=2)
        answer = table.get("answer")
        if answer is None:
            check.error(at(path, "answer"), "is required")
        elif not isinstance(answer, list) or not answer or not all(
                isinstance(i, int) and not isinstance(i, bool) for i in answer):
            check.error(at(path, "answer"), "must be a list of option numbers, e.g. [1]")
            answer = None
        elif len(set(answer)) != len(answer):
            check.error(at(path, "answer"), "names an option twice")
        elif options is not None and any(i < 0 or i >= len(options) for i in answer):
            check.error(at(path, "answer"), f"option number out of range (0 to {len(options) - 1})")
        return {"options": options, "answer": frozenset(answer or ())}

    def is_right(self, data, answer: set[int]) -> bool:
        return set(answer) == data["answer"]


class TrueFalse(StepKind):
    name = "truefalse"
    own_keys = {"statement", "answer"}
    question_required = False

    def validate_own(self, check, table, path):
        return {"statement": check.text(table, "statement", path),
                "answer": check.boolean(table, "answer", path)}

    def is_right(self, data, answer: bool) -> bool:
        return answer is data["answer"]


class Hotspot(StepKind):
    """A fake chat, SMS, e-mail or webshop screen; the answer is the set of marked parts."""

    name = "hotspot"
    own_keys = {"screen", "sender", "subject", "parts"}
    question_required = False

    def validate_own(self, check, table, path):
        screen = check.one_of(table, "screen", path, SCREENS)
        subject = check.text(table, "subject", path, required=False)
        if subject is not None and screen != "email":
            check.error(at(path, "subject"), "only an email screen has a subject")
        parts = []
        for index, part in enumerate(check.tables(table, "parts", path, minimum=2) or []):
            part_path = at(at(path, "parts"), index)
            check.only_keys(part, {"text", "suspicious", "why"}, part_path)
            suspicious = check.boolean(part, "suspicious", part_path, required=False, default=False)
            why = check.text(part, "why", part_path, required=bool(suspicious))
            if why is not None and not suspicious:
                check.warning(at(part_path, "why"), "a part that is not suspicious needs no why")
            parts.append({"text": check.text(part, "text", part_path), "suspicious": bool(suspicious), "why": why})
        if parts and not any(part["suspicious"] for part in parts):
            check.error(at(path, "parts"), "at least one part must be suspicious")
        return {"screen": screen, "sender": check.text(table, "sender", path), "subject": subject, "parts": parts}

    def is_right(self, data, answer: set[int]) -> bool:
        return set(answer) == {i for i, part in enumerate(data["parts"]) if part["suspicious"]}


class Sort(StepKind):
    """Items into categories; the answer maps every item index to a category index."""

    name = "sort"
    own_keys = {"categories", "items"}

    def validate_own(self, check, table, path):
        categories = check.texts(table, "categories", path, minimum=2)
        items = []
        for index, item in enumerate(check.tables(table, "items", path, minimum=2) or []):
            item_path = at(at(path, "items"), index)
            check.only_keys(item, {"text", "category"}, item_path)
            category = check.integer(item, "category", item_path, minimum=0)
            if category is not None and categories is not None and category >= len(categories):
                check.error(at(item_path, "category"), f"no category {category} (there are {len(categories)})")
            items.append({"text": check.text(item, "text", item_path), "category": category})
        used = {item["category"] for item in items}
        if categories and items and used < set(range(len(categories))):
            check.warning(at(path, "categories"), "a category has no items")
        return {"categories": categories, "items": items}

    def is_right(self, data, answer: dict[int, int]) -> bool:
        return all(answer.get(i) == item["category"] for i, item in enumerate(data["items"]))


class Order(StepKind):
    """Items written in the right order and shown shuffled; the answer is the item indexes in order."""

    name = "order"
    own_keys = {"items"}

    def validate_own(self, check, table, path):
        return {"items": check.texts(table, "items", path, minimum=2)}

    def is_right(self, data, answer: list[int]) -> bool:
        return list(answer) == list(range(len(data["items"])))


class Password(StepKind):
    """Make a strong passphrase; judged by zxcvbn, never stored."""

    name = "password"
    own_keys = {"min_score"}

    def validate_own(self, check, table, path):
        return {"min_score": check.integer(table, "min_score", path, minimum=0, maximum=4)}

    def is_right(self, data, answer: str) -> bool:
        return password_score(answer) >= data["min_score"]


class Offline(StepKind):
    """A real-world task, confirmed later by the teacher or by a senior's code."""

    name = "offline"
    own_keys = {"task", "confirm"}
    scored = False
    question_required = False

    def validate_own(self, check, table, path):
        return {"task": check.text(table, "task", path), "confirm": check.one_of(table, "confirm", path, CONFIRMERS)}


def password_score(password: str) -> int:
    """zxcvbn's 0–4 score; long input is cut to keep the check fast."""
    return zxcvbn(password[:128])["score"] if password else 0


def default_step_kinds() -> dict[str, StepKind]:
    kinds = (Info(), Choice(), TrueFalse(), Hotspot(), Sort(), Order(), Password(), Offline())
    return {kind.name: kind for kind in kinds}

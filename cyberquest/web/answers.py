"""Turning a submitted step form into the plain answer a step kind checks.

Order steps are shown shuffled; the shuffle is derived from the app's secret, so neither the
page nor the field names give the right order away.
"""
from __future__ import annotations

import hashlib
import hmac
import random
from typing import Any

from werkzeug.datastructures import MultiDict

from ..content import Step


class BadAnswer(ValueError):
    """The form does not hold an answer of the right shape (a 400, never a 500)."""


def shuffled_positions(secret: str, salt: str, count: int) -> list[int]:
    """A stable, secret permutation of ``range(count)`` that is never the identity."""
    digest = hmac.new(secret.encode(), salt.encode(), hashlib.sha256).digest()
    order = list(range(count))
    random.Random(digest).shuffle(order)
    if count > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order


def _indexes(values: list[str], size: int) -> set[int]:
    try:
        chosen = {int(value) for value in values}
    except ValueError as error:
        raise BadAnswer("not a number") from error
    if any(i < 0 or i >= size for i in chosen):
        raise BadAnswer("out of range")
    return chosen


def _number(form: MultiDict, name: str, size: int) -> int:
    value = form.get(name, "")
    if not value.isdigit() or int(value) >= size:
        raise BadAnswer(f"{name} missing")
    return int(value)


def parse(step: Step, form: MultiDict, display_order: list[int] | None = None) -> Any:
    data = step.data
    if step.kind == "choice":
        chosen = _indexes(form.getlist("option"), len(data["options"]))
        if not chosen:
            raise BadAnswer("nothing chosen")
        return chosen
    if step.kind == "truefalse":
        if form.get("answer") not in {"true", "false"}:
            raise BadAnswer("choose true or false")
        return form["answer"] == "true"
    if step.kind == "hotspot":
        return _indexes(form.getlist("part"), len(data["parts"]))
    if step.kind == "sort":
        return {i: _number(form, f"item-{i}", len(data["categories"])) for i in range(len(data["items"]))}
    if step.kind == "order":
        count = len(data["items"])
        order = display_order or list(range(count))
        places = [_number(form, f"place-{shown}", count + 1) for shown in range(count)]
        if sorted(places) != list(range(1, count + 1)):
            raise BadAnswer("every place once")
        return [order[shown] for shown in sorted(range(count), key=lambda shown: places[shown])]
    if step.kind == "password":
        password = form.get("password", "")
        if not password or len(password) > 200:
            raise BadAnswer("empty")
        return password
    raise BadAnswer("not an answerable step")

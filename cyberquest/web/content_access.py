"""The running app's content packs (missions, courses) and step kinds, for the views."""
from __future__ import annotations

from flask import current_app

from ..content import ContentPack
from ..content.kinds import StepKind


def content() -> ContentPack:
    return current_app.extensions["cyberquest.content"].pack


def step_kinds() -> dict[str, StepKind]:
    return current_app.extensions["cyberquest.content"].kinds

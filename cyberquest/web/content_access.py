"""The running app's content packs (missions, courses), step kinds and word list, for the views."""
from __future__ import annotations

from flask import current_app

from ..content import ContentPack
from ..content.kinds import StepKind


def content() -> ContentPack:
    return current_app.extensions["cyberquest.content"].pack


def step_kinds() -> dict[str, StepKind]:
    return current_app.extensions["cyberquest.content"].kinds


def filter_words() -> frozenset[str]:
    """The Level Maker's word list (modules/word_filter.toml)."""
    return current_app.extensions["cyberquest.words"]

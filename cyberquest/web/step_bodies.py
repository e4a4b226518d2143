"""A mission's step as a child sees it, without the page around it. For the missions of the content pack
it is rendered once per step, language, position, hint and wrong answer, then reused (web/fragments.py):
after the page chrome it was the largest part of a step page's rendering.

Rendered every time: steps whose order is shuffled per child, missions made by children (they change while
the app runs), and everything while the content files are watched for changes (development).
"""
from __future__ import annotations

from flask import Flask, current_app
from flask_babel import get_locale
from markupsafe import Markup

from ..content.model import Mission, Step
from .fragments import MARKERS, Fragments

TEMPLATE = "agent/step_body.html"
_KEPT = "cyberquest.step_bodies"


def step_body(mission: Mission, step: Step, position: int, order: list[int] | None, hint_shown: bool,
              wrong: bool) -> Markup:
    store = current_app.extensions["cyberquest.content"]
    from_pack = not store.watch and store.pack.missions.get(mission.id) is mission
    kept = from_pack and order is None
    key = (mission.id, step.key, str(get_locale()), position, hint_shown, wrong) if kept else None

    def render() -> str:  # only when the step is not kept yet
        return current_app.jinja_env.get_template(TEMPLATE).render(
            mission=mission, step=step, position=position, total=len(mission.steps), order=order,
            hint_shown=hint_shown, wrong=wrong, **MARKERS)
    return current_app.extensions[_KEPT].get(key, render)


def install(app: Flask) -> None:
    # missions x steps x languages x hint x wrong: a few thousand at most
    app.extensions[_KEPT] = Fragments(most=5000)

"""The parts of every page around its content (the header with menu and display tools, the footer),
rendered once per language, display setting and role, then reused (see web/fragments.py).

They were about a fifth of a child's step page. The chrome templates see only the values of the key and
the two markers, never the signed-in person; tests/test_page_chrome.py checks this, so no one's data can
reach another person's page.
"""
from __future__ import annotations

from flask import Flask, current_app
from flask_babel import get_locale
from flask_login import current_user
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .fragments import MARKERS, Fragments

PARTS = {"top": "partials/page_top.html", "bottom": "partials/page_bottom.html"}
_KEPT = "cyberquest.page_chrome"


@pass_context
def page_chrome(context: Context, part: str) -> Markup:
    """The chrome part for this request: kept per language, display setting and role. The display setting
    is the page's own (``display``, from the context processor)."""
    display = context["display"]
    role = current_user.role if current_user.is_authenticated else "visitor"
    key = (part, str(get_locale()), display["text_size"], bool(display["high_contrast"]), role)

    def render() -> str:  # only when the part is not kept yet
        return current_app.jinja_env.get_template(PARTS[part]).render(role=role, display=display, **MARKERS)
    return current_app.extensions[_KEPT].get(key, render)


def install(app: Flask) -> None:
    # languages x text sizes x contrast x roles x parts is about 170
    app.extensions[_KEPT] = Fragments(most=1000)
    app.add_template_global(page_chrome)

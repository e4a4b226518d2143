"""Strings in templates translated with translations looked up once per render, and content texts shown in
the page's language, looked up once per render too.

Flask-Babel looks the request's translations up again for every string (about 8 µs each: a tenth of
a step page). A render cannot change its locale half-way (``force_locale`` wraps whole renders), so
each render keeps the translations it found first. They are kept on the render's evaluation context, which
Jinja shares with the contexts it derives inside a template (a loop with ``{% set %}`` in it makes one per
round); kept on the template context, a mission map looked its translations up 49 times.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask
from flask_babel import get_locale, get_translations
from jinja2 import pass_context
from jinja2.runtime import Context


def _kept(context: Context, name: str, look_up: Callable[[], Any]) -> Any:
    """What ``look_up`` returns, once per render."""
    render = context.eval_ctx  # Jinja's documented place for an extension's own attributes
    kept = getattr(render, name, None)
    if kept is None:
        kept = look_up()
        setattr(render, name, kept)
    return kept


def _translations(context: Context):
    return _kept(context, "_cyberquest_translations", get_translations)


def _language() -> str:
    return get_locale().language


@pass_context
def localised(context: Context, text) -> str:
    """A content text in the page's language (English falls back to Dutch): the ``loc`` filter."""
    return text.get(_kept(context, "_cyberquest_language", _language)) if text is not None else ""


@pass_context
def _gettext(context: Context, string: str) -> str:
    return _translations(context).ugettext(string)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, number: int) -> str:
    return _translations(context).ungettext(singular, plural, number)


@pass_context
def _pgettext(context: Context, message_context: str, string: str) -> str:
    return _translations(context).upgettext(message_context, string)


@pass_context
def _npgettext(context: Context, message_context: str, singular: str, plural: str, number: int) -> str:
    return _translations(context).unpgettext(message_context, singular, plural, number)


def install(app: Flask) -> None:
    """Replace the callables Flask-Babel installed in the app's Jinja environment (call after its init_app), and
    add the ``loc`` filter."""
    app.jinja_env.install_gettext_callables(gettext=_gettext, ngettext=_ngettext, newstyle=True,
                                            pgettext=_pgettext, npgettext=_npgettext)
    app.add_template_filter(localised, "loc")

"""Strings in templates translated with translations looked up once per template context.

Flask-Babel looks the request's translations up again for every string (about 8 µs each: a tenth of
a step page). A render cannot change its locale half-way (``force_locale`` wraps whole renders), so
each render keeps the translations it found first. They are kept on the render's evaluation context, which
Jinja shares with the contexts it derives inside a template (a loop with ``{% set %}`` in it makes one per
round); kept on the template context, a mission map looked its translations up 49 times.
"""
from __future__ import annotations

from flask import Flask
from flask_babel import get_translations
from jinja2 import pass_context
from jinja2.runtime import Context

_KEPT = "_cyberquest_translations"


def _translations(context: Context):
    render = context.eval_ctx  # Jinja's documented place for an extension's own attributes
    kept = getattr(render, _KEPT, None)
    if kept is None:
        kept = get_translations()
        setattr(render, _KEPT, kept)
    return kept


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
    """Replace the callables Flask-Babel installed in the app's Jinja environment (call after its init_app)."""
    app.jinja_env.install_gettext_callables(gettext=_gettext, ngettext=_ngettext, newstyle=True,
                                            pgettext=_pgettext, npgettext=_npgettext)

"""Invisible control characters are refused before any view sees them: PostgreSQL cannot store a NUL
character (a server error before this guard), and the others only hide things in names, exports and PDFs.
Tabs and line breaks stay allowed."""
from __future__ import annotations

import re
from collections.abc import Iterator

from flask import Flask, request
from flask_babel import lazy_gettext as _l

from .errors import refusal

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BODILESS = frozenset({"GET", "HEAD"})


def _typed() -> Iterator[str]:
    """Every name and value of the query string and the form (a GET or HEAD has no form to read)."""
    bodiless = request.method in BODILESS
    if bodiless and not request.query_string:
        return  # most pages: nothing typed, nothing to parse
    for source in (request.args,) if bodiless else (request.args, request.form):
        for key, value in source.items(multi=True):
            yield key
            yield value


def register(app: Flask) -> None:
    @app.before_request
    def refuse_control_characters():
        if not any(CONTROL.search(text) for text in _typed()):
            return None
        return refusal(400, _l("What you sent contains an invisible control character. Type it again without it."))

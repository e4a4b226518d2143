"""Parts of pages rendered once and reused: the page chrome (web/page_chrome.py) and the steps of missions
(web/step_bodies.py).

Two things in such a part differ per request: the form token and the page's own address. A kept part
holds markers for them, and they are filled in on every request. Whatever else a part shows must be in
its key; the tests of each user check which names its templates can see.
"""
from __future__ import annotations

import secrets
from collections.abc import Callable, Hashable

from flask import current_app, g, request
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

# Random per process, so no page text can contain them.
TOKEN_MARKER = f"cq-form-token-{secrets.token_hex(8)}"
PAGE_MARKER = f"cq-this-page-{secrets.token_hex(8)}"
MARKERS = {"form_token": TOKEN_MARKER, "this_page": PAGE_MARKER}
_FILLINGS = "cyberquest_fragment_fillings"


class Fragments:
    """Rendered parts by key, at most ``most`` of them (a safety limit: the keys are a small, closed set)."""

    def __init__(self, most: int) -> None:
        self.most = most
        self.kept: dict[Hashable, str] = {}

    def get(self, key: Hashable | None, render: Callable[[], str]) -> Markup:
        """The part for ``key`` with this request's token and address; ``render`` makes it, with the markers
        for ``form_token`` and ``this_page``. A key of None is never kept."""
        html = self.kept.get(key) if key is not None else None
        if html is None:
            html = render()
            # Templates edited while the app runs are read again, so nothing is kept then.
            if key is not None and not current_app.jinja_env.auto_reload and len(self.kept) < self.most:
                self.kept[key] = html
        token, page = _fillings()
        return Markup(html.replace(TOKEN_MARKER, token).replace(PAGE_MARKER, page))


def _fillings() -> tuple[str, str]:
    """This request's form token and address, escaped once for the several parts of a page."""
    fillings = g.get(_FILLINGS)
    if fillings is None:
        fillings = g.setdefault(_FILLINGS, (str(escape(generate_csrf())), str(escape(request.full_path))))
    return fillings

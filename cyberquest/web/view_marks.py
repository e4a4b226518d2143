"""Marks that decorators set on a view function, read for the request being served (``reads_only``,
``reads_mission_progress``): what a request hook does depends on the page, not on its URL."""
from __future__ import annotations

from flask import current_app, request


def this_view_is_marked(mark: str) -> bool:
    """Whether the view serving this request carries ``mark`` (False when no route matched)."""
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    return bool(getattr(view, mark, False))

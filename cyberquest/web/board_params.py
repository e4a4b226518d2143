"""Reading the season, measure and page of a leaderboard request (pages, widget and API alike)."""
from __future__ import annotations

import re
from datetime import date

from flask import abort, current_app, g, request
from sqlalchemy import select

from ..extensions import db
from ..models import Season
from ..services.board_cache import BoardCache
from ..services.leaderboards import MEASURES
from ..services.seasons import season_code, start_year_of


SEASON_CODE = re.compile(r"[0-9]{4}-[0-9]{4}")


def season_from(name: str) -> Season:
    """The season named in the query (``2026-2027``), else the current one, else the newest; 400 for a value
    that is no season code (an empty one too), 404 for an unknown season. Chosen from ``all_seasons``, which
    the page's season filter shows too: one query for both."""
    code = request.args.get(name)
    if code is not None and not SEASON_CODE.fullmatch(code):
        abort(400)
    seasons = all_seasons()
    wanted = code or season_code(start_year_of(date.today()))
    season = next((season for season in seasons if season.code == wanted), None)
    if season is None and code is None:
        season = seasons[0] if seasons else None
    if season is None:
        abort(404)
    return season


def measure_from(name: str) -> str:
    measure = request.args.get(name, "xp")
    if measure not in MEASURES:
        abort(400)
    return measure


def page_from(name: str) -> int:
    value = request.args.get(name, "1")
    if not value.isdigit() or int(value) < 1:
        abort(400)
    return int(value)


def board_cache() -> BoardCache:
    return current_app.extensions["cyberquest.boards"]


_ALL_SEASONS = select(Season).order_by(Season.starts_on.desc())


def all_seasons() -> list[Season]:
    """Every season, newest first, read once per request."""
    if "all_seasons" not in g:
        g.all_seasons = list(db.session.scalars(_ALL_SEASONS))
    return g.all_seasons

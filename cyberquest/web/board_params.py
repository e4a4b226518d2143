"""Reading the season, measure and page of a leaderboard request (pages, widget and API alike)."""
from __future__ import annotations

import re
from datetime import date

from flask import abort, current_app, request
from sqlalchemy import select

from ..extensions import db
from ..models import Season
from ..services.board_cache import BoardCache
from ..services.leaderboards import MEASURES
from ..services.seasons import current_season


SEASON_CODE = re.compile(r"[0-9]{4}-[0-9]{4}")


def season_from(name: str) -> Season:
    """The season named in the query (``2026-2027``), else the current one, else the newest; 400 for a value
    that is no season code (an empty one too), 404 for an unknown season."""
    code = request.args.get(name)
    if code is not None:
        if not SEASON_CODE.fullmatch(code):
            abort(400)
        season = db.session.scalar(select(Season).where(Season.code == code))
    else:
        season = current_season(db.session, date.today()) or db.session.scalar(
            select(Season).order_by(Season.starts_on.desc()))
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


def all_seasons() -> list[Season]:
    return list(db.session.scalars(select(Season).order_by(Season.starts_on.desc())))

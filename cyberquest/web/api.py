"""The public read-only JSON API of the leaderboards (DESIGN §5), described at /api/v1/openapi.json."""
from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, jsonify, url_for

from ..extensions import csrf, db
from ..models import Municipality
from ..services import leaderboards
from . import openapi
from .access import public
from .board_params import all_seasons, board_cache, measure_from, page_from, season_from
from .content_access import content
from .lookup import found

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
ROW_FIELDS = ("rank", "id", "name", "region_part", "total_xp", "active_agents", "cyber_agents",
              "participation_per_1000", "missions_per_agent", "ranked", "reason")


@bp.after_request
def open_for_reading(response):
    """Any website may read the boards; they change at most every minute or so."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET"
    response.headers.setdefault("Cache-Control", "public, max-age=60")
    return response


@bp.errorhandler(400)
@bp.errorhandler(404)
def json_error(error):
    """API callers get JSON, not the HTML error page."""
    return jsonify({"error": error.name}), error.code


def _rows(rows: list[leaderboards.Row]) -> list[dict]:
    return [{field: asdict(row)[field] for field in ROW_FIELDS} for row in rows]


@bp.get("/seasons")
@public
def seasons():
    return jsonify({"seasons": [{"code": s.code, "starts_on": s.starts_on.isoformat(), "ends_on": s.ends_on.isoformat(),
                                 "cutoff_on": s.cutoff_on.isoformat()} for s in all_seasons()]})


@bp.get("/leaderboards/municipalities")
@public
def municipalities():
    season, measure, number = season_from("season"), measure_from("measure"), page_from("page")
    rows = leaderboards.cached_municipalities(board_cache(), db.session, content(), season, measure)
    shown, pages = leaderboards.page(rows, number)
    return jsonify({"season": season.code, "measure": measure, "page": min(number, pages), "pages": pages,
                    "rows": _rows(shown)})


@bp.get("/leaderboards/municipalities/<int:municipality_id>/schools")
@public
def schools(municipality_id: int):
    municipality = found(Municipality, municipality_id)
    season, measure = season_from("season"), measure_from("measure")
    rows = leaderboards.cached_schools(board_cache(), db.session, content(), season, municipality, measure)
    return jsonify({"season": season.code, "measure": measure, "municipality": municipality.name,
                    "rows": _rows(rows)})


@bp.get("/openapi.json")
@public
def openapi_document():
    return jsonify(openapi.document(url_for("api.seasons", _external=True).rsplit("/seasons", 1)[0]))

"""Public leaderboards for residents: municipalities of Limburg, and the schools of one municipality."""
from __future__ import annotations

from flask import Blueprint, abort, make_response, render_template

from ..extensions import db
from ..models import Municipality, School
from ..services import leaderboards
from .access import public
from .board_params import all_seasons, board_cache, measure_from, page_from, season_from
from .content_access import content
from .lookup import found
from .read_only import reads_only
from .security_headers import allow_framing

bp = Blueprint("boards", __name__)


@bp.get("/ranglijst")
@reads_only
@public
def municipalities():
    season, measure = season_from("seizoen"), measure_from("maat")
    rows = leaderboards.cached_municipalities(board_cache(), db.session, content(), season, measure)
    shown, pages = leaderboards.page(rows, page_from("pagina"))
    return render_template("boards/municipalities.html", season=season, seasons=all_seasons(), measure=measure,
                           rows=shown, pages=pages, page=min(page_from("pagina"), pages))


@bp.get("/ranglijst/gemeenten/<int:municipality_id>")
@reads_only
@public
def schools(municipality_id: int):
    municipality = found(Municipality, municipality_id)
    season, measure = season_from("seizoen"), measure_from("maat")
    rows = leaderboards.cached_schools(board_cache(), db.session, content(), season, municipality, measure)
    return render_template("boards/schools.html", municipality=municipality, season=season, seasons=all_seasons(),
                           measure=measure, rows=rows)


@bp.get("/ranglijst/scholen/<int:school_id>")
@reads_only
@public
def classes(school_id: int):
    school = found(School, school_id)
    season, measure = season_from("seizoen"), measure_from("maat")
    rows = leaderboards.classes(db.session, content(), season, school, measure)
    named = {row.id for row in leaderboards.cached_schools(board_cache(), db.session, content(), season,
                                                                   school.municipality, "xp") if row.name}
    if school.id not in named:
        abort(404)  # a school too small to be named on the board has no public page either
    return render_template("boards/classes.html", school=school, season=season, seasons=all_seasons(),
                           measure=measure, rows=rows)


@bp.get("/embed/leaderboard")
@reads_only
@public
def embed():
    """A small board that municipality websites can put in an iframe."""
    season = season_from("season")
    rows = leaderboards.cached_municipalities(board_cache(), db.session, content(), season, measure_from("measure"))
    return allow_framing(make_response(render_template("boards/embed.html", season=season, rows=rows[:10])))

"""Public Open Badges 2.0 documents: the issuer, the learners' badge classes and hosted assertions.

Verifiers (a backpack, an employer) fetch these without signing in; they hold no names and no
e-mail addresses, only the salted hash in an assertion. Children's badges are not published.
"""
from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, render_template, url_for

from ..content import Badge
from ..extensions import db
from ..services import open_badges
from .access import public
from .content_access import content

bp = Blueprint("open_badges", __name__, url_prefix="/openbadges")


def urls() -> open_badges.Urls:
    return open_badges.Urls(
        issuer=url_for("open_badges.issuer", _external=True),
        home=url_for("main.index", _external=True),
        badge_class=lambda badge_id: url_for("open_badges.badge_class", badge_id=badge_id, _external=True),
        image=lambda badge: url_for("static", filename=f"badges/{badge.icon}", _external=True),
        criteria=lambda badge_id: url_for("open_badges.criteria", badge_id=badge_id, _external=True),
        assertion=lambda token: url_for("open_badges.assertion", token=token, _external=True),
    )


def _learner_badge(badge_id: str) -> Badge:
    badge = content().badges.get(badge_id)
    if badge is None or "learner" not in badge.audiences:
        abort(404)
    return badge


def _json_ld(document: dict):
    response = jsonify(document)
    response.mimetype = "application/ld+json"
    return response


@bp.get("/issuer.json")
@public
def issuer():
    return _json_ld(open_badges.issuer_json(urls(), current_app.config["ISSUER_EMAIL"]))


@bp.get("/badges/<badge_id>.json")
@public
def badge_class(badge_id: str):
    return _json_ld(open_badges.badge_class_json(_learner_badge(badge_id), urls()))


@bp.get("/badges/<badge_id>")
@public
def criteria(badge_id: str):
    """A readable page: what this badge means and how it is earned."""
    return render_template("open_badges/criteria.html", badge=_learner_badge(badge_id))


@bp.get("/assertions/<token>.json")
@public
def assertion(token: str):
    found = open_badges.find_assertion(db.session, token)
    if found is None:
        abort(404)
    return _json_ld(open_badges.assertion_json(*found, urls()))

"""Municipality coordinators: their own municipality only."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from ..extensions import db
from ..models import Municipality
from ..services import accounts, policy
from .access import Owned, authorize

bp = Blueprint("municipality", __name__, url_prefix="/gemeente")

OWN_MUNICIPALITY = Owned(Municipality, "municipality_id", "municipality", policy.may_view_municipality)


@bp.get("/")
@authorize("coordinator")
def home():
    return redirect(url_for("municipality.overview", municipality_id=current_user.municipality_id))


@bp.get("/<int:municipality_id>")
@authorize("coordinator", "admin", owns=OWN_MUNICIPALITY)
def overview(municipality: Municipality):
    return render_template(
        "municipality/overview.html", municipality=municipality,
        pending=accounts.pending_sign_ups(db.session, current_user),
    )

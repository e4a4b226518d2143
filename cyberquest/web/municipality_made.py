"""Coordinators share a class's approved mission with every agent of the municipality."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..models import MadeMission, Municipality
from ..services import made_missions
from .access import authorize
from .municipality import OWN_MUNICIPALITY, bp


@bp.get("/<int:municipality_id>/gemaakte-missies")
@authorize("coordinator", "admin", owns=OWN_MUNICIPALITY)
def made_missions_page(municipality: Municipality):
    """Approved missions of the municipality's classes, with their answers (no agent names)."""
    return render_template("municipality/made_missions.html", municipality=municipality,
                           approved=made_missions.in_municipality(db.session, municipality.id))


@bp.post("/<int:municipality_id>/gemaakte-missies/<int:made_id>/delen")
@authorize("coordinator", "admin", owns=OWN_MUNICIPALITY)
def share_made_mission(municipality: Municipality, made_id: int):
    made = db.session.get(MadeMission, made_id)
    if made is None or made_missions.municipality_of(db.session, made) != municipality.id:
        abort(404)
    shared = made.promoted_at is None
    try:
        made_missions.promote(made, current_user.id, shared)
    except made_missions.MakerError:
        abort(409)
    db.session.commit()
    flash(_("Every agent in %(name)s can play it now.", name=municipality.name) if shared
          else _("It is no longer shared with the municipality."), "success")
    return redirect(url_for("municipality.made_missions_page", municipality_id=municipality.id))

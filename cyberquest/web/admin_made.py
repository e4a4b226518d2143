"""Admins export an approved made mission as a modules/ file (the content checker accepts it unchanged)."""
from __future__ import annotations

from flask import abort, render_template
from sqlalchemy import select

from ..extensions import db
from ..models import MadeMission
from ..services import made_mission_content as made_content
from .access import authorize
from .admin import bp
from .downloads import download


@bp.get("/gemaakte-missies")
@authorize("admin")
def made_missions_page():
    approved = db.session.scalars(select(MadeMission).where(MadeMission.status == "approved")
                                  .order_by(MadeMission.id.desc()))
    return render_template("admin/made_missions.html", approved=list(approved))


@bp.get("/gemaakte-missies/<int:made_id>.toml")
@authorize("admin")
def export_made_mission(made_id: int):
    made = db.session.get(MadeMission, made_id)
    if made is None or made.status != "approved":
        abort(404)
    return download(made_content.as_toml(made.mission_id, made.content).encode(), "application/toml",
                    f"{made.mission_id}.toml")

"""Children (agents): their own start page. Missions arrive with the missions issue."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from .access import authorize

bp = Blueprint("agent", __name__, url_prefix="/agent")


@bp.get("/")
@authorize("agent")
def home():
    return render_template("agent/home.html", agent=current_user)

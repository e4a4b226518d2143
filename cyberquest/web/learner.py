"""Seniors (learners): their own start page. Courses arrive with the courses issue."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from .access import authorize

bp = Blueprint("learner", __name__, url_prefix="/cursist")


@bp.get("/")
@authorize("learner")
def home():
    return render_template("learner/home.html", learner=current_user)

"""Landing page, role home redirect, display and language settings, health check."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import csrf, db
from ..services import badges
from .access import authorize, public
from .busy import retry_when_busy
from .display import current_display, save_display
from .forms import DisplayForm, LanguageForm
from .navigation import safe_next

bp = Blueprint("main", __name__)

HOME_BY_ROLE = {
    "agent": "agent.home",
    "learner": "learner.home",
    "teacher": "teacher.home",
    "trainer": "trainer.home",
    "coordinator": "municipality.home",
    "admin": "admin.home",
}


@bp.get("/")
@public
def index():
    if current_user.is_authenticated:
        return redirect(url_for(HOME_BY_ROLE[current_user.role]))
    return render_template("index.html")


@bp.route("/weergave", methods=["GET", "POST"])
@public
def display_settings():
    form = DisplayForm(data=current_display())
    if form.validate_on_submit():
        save_display(text_size=form.text_size.data, high_contrast=form.high_contrast.data)
        db.session.commit()
        flash(_("Your display settings are saved."), "success")
        return redirect(safe_next() or url_for("main.display_settings"))
    return render_template("settings/display.html", form=form), 400 if form.errors else 200


@bp.post("/taal")
@public
def set_language():
    form = LanguageForm()
    if form.validate_on_submit() and form.locale.data in current_app.config["LANGUAGES"]:
        save_display(locale=form.locale.data)
        db.session.commit()
        return redirect(safe_next() or url_for("main.index"))
    flash(_("That language is not available."), "error")
    return redirect(url_for("main.index")), 303


@bp.get("/privacy")
@public
def privacy():
    """What is stored, why and for how long: for parents and course participants (DESIGN §7)."""
    return render_template("privacy/adults.html")


@bp.get("/privacy/kinderen")
@public
def privacy_children():
    return render_template("privacy/children.html")


@bp.post("/badges/gezien")
@retry_when_busy
@authorize("agent", "learner")
def badges_seen():
    """Close the celebration of new badges (they stay in the trophy room)."""
    badges.mark_seen(db.session, current_user)
    db.session.commit()
    return redirect(safe_next() or url_for(HOME_BY_ROLE[current_user.role]))


@bp.get("/healthz")
@public
@csrf.exempt
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


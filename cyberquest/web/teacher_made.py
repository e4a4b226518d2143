"""Teachers review the missions their class built in the Level Maker: approve, send back or reject."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..models import Agent, MadeMission, SchoolClass
from ..services import achievements, made_missions
from .access import authorize
from .content_access import content
from .forms import options
from .maker_forms import REMARKS, ReviewForm
from .teacher import OWN_CLASS, bp


def _made(school_class: SchoolClass, made_id: int) -> MadeMission:
    made = db.session.get(MadeMission, made_id)
    if made is None or made.class_id != school_class.id:
        abort(404)
    return made


@bp.get("/klassen/<int:class_id>/gemaakt")
@authorize("teacher", "admin", owns=OWN_CLASS)
def made_queue(school_class: SchoolClass):
    waiting = made_missions.review_queue(db.session, [school_class.id])
    approved = db.session.scalars(select(MadeMission).where(MadeMission.class_id == school_class.id,
                                                            MadeMission.status == "approved")
                                  .order_by(MadeMission.reviewed_at.desc()))
    return render_template("teacher/made_queue.html", school_class=school_class, waiting=waiting,
                           approved=list(approved))


def _review_page(school_class: SchoolClass, made: MadeMission, form: ReviewForm, status: int = 200):
    return render_template("teacher/made_review.html", school_class=school_class, made=made, form=form,
                           maker=db.session.get(Agent, made.agent_id)), status


def _review_form() -> ReviewForm:
    form = ReviewForm()
    form.remark.choices = options([("", _l("No standard remark")),  # the service's codes, each with its text
                                   *((code, REMARKS[code]) for code in made_missions.REMARKS)])
    return form


@bp.route("/klassen/<int:class_id>/gemaakt/<int:made_id>", methods=["GET", "POST"])
@authorize("teacher", "admin", owns=OWN_CLASS)
def made_review(school_class: SchoolClass, made_id: int):
    """The mission as players will see it, what the filter found, and the decision."""
    made = _made(school_class, made_id)
    form = _review_form()
    if not form.validate_on_submit():
        return _review_page(school_class, made, form, 400 if form.is_submitted() else 200)
    try:
        earned = made_missions.review(db.session, made, current_user.id, form.decision.data,
                                      form.remark.data or None, form.remark_text.data)
    except made_missions.MakerError:
        db.session.rollback()
        flash(_("This mission was already reviewed."), "error")
        return redirect(url_for("teacher.made_queue", class_id=school_class.id))
    if made.status == "approved":
        achievements.made_mission_approved(db.session, content(), db.session.get(Agent, made.agent_id),
                                           made.season_id, earned)
    db.session.commit()
    flash({"approved": _("Approved: the class can play it now."), "returned": _("Sent back to the agent."),
           "rejected": _("Rejected.")}[made.status], "success")
    return redirect(url_for("teacher.made_queue", class_id=school_class.id))

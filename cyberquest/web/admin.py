"""The regional taskforce: sign-up approvals, schools, libraries and seasons."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, select

from ..extensions import db
from ..models import Agent, Learner, Library, Municipality, School, Season, StaffUser
from ..services import accounts, audit, erasure
from ..services.organisation import assign_coordinator
from ..services.seasons import create_season, set_cutoff
from .access import authorize
from .forms import CoordinatorForm, CutoffForm, SeasonForm, options
from .lookup import found
from .places import place_edit_page, places_page

bp = Blueprint("admin", __name__, url_prefix="/beheer")

COORDINATOR_PROBLEMS = {
    "unknown_staff": _l("There is no approved staff account with this e-mail address."),
    "is_admin": _l("An administrator cannot also be a coordinator."),
}



@bp.get("/")
@authorize("admin")
def home():
    counts = {
        label: db.session.scalar(select(func.count()).select_from(model).where(*conditions))
        for label, model, conditions in (
            (_("Municipalities"), Municipality, ()), (_("Schools"), School, ()), (_("Libraries"), Library, ()),
            (_("Staff"), StaffUser, ()), (_("Agents"), Agent, (Agent.is_placeholder.is_(False),)),
            (_("Course participants"), Learner, ()))
    }
    return render_template("admin/home.html", counts=counts,
                           pending=accounts.pending_sign_ups(db.session, current_user),
                           locked=accounts.locked_staff(db.session))


@bp.post("/accounts/<int:staff_id>/ontgrendelen")
@authorize("admin")
def unlock_staff(staff_id: int):
    user = found(StaffUser, staff_id)
    accounts.unlock_staff(db.session, user)
    audit.record(db.session, current_user.id, "unlock_staff", f"staff:{user.id}")
    db.session.commit()
    flash(_("The account can sign in again."), "success")
    return redirect(url_for("admin.home"))


@bp.route("/<kind>", methods=["GET", "POST"])
@authorize("admin")
def places(kind: str):
    everyone = list(db.session.scalars(select(Municipality).order_by(Municipality.name)))
    return places_page(kind, everyone, url_for("admin.places", kind=kind),
                       lambda item: url_for("admin.edit_place", kind=kind, item_id=item.id))


@bp.route("/<kind>/<int:item_id>", methods=["GET", "POST"])
@authorize("admin")
def edit_place(kind: str, item_id: int):
    everyone = list(db.session.scalars(select(Municipality)))
    return place_edit_page(kind, item_id, everyone, url_for("admin.places", kind=kind))


@bp.route("/seizoenen", methods=["GET", "POST"])
@authorize("admin")
def seasons():
    form = SeasonForm()
    status = 200
    if form.validate_on_submit():
        try:
            season = create_season(db.session, form.start_year.data, form.cutoff_on.data)
        except ValueError as error:
            db.session.rollback()
            flash(_("That season already exists.") if str(error) == "season_exists"
                  else _("The cut-off date must fall inside the school year (1 August – 31 July)."), "error")
            status = 400
        else:
            db.session.commit()
            flash(_("Season %(code)s is added.", code=season.code), "success")
            return redirect(url_for("admin.seasons"))
    elif form.errors:
        status = 400
    items = db.session.scalars(select(Season).order_by(Season.starts_on.desc()))
    return render_template("admin/seasons.html", form=form, seasons=list(items)), status


@bp.post("/seizoenen/<int:season_id>/peildatum")
@authorize("admin")
def season_cutoff(season_id: int):
    season = found(Season, season_id)
    form = CutoffForm()
    try:
        if not form.validate_on_submit():
            raise ValueError("no_date")
        set_cutoff(season, form.cutoff_on.data)
    except ValueError:
        db.session.rollback()
        flash(_("The cut-off date must fall inside the school year (1 August – 31 July)."), "error")
    else:
        db.session.commit()
        flash(_("The cut-off date of %(code)s is now %(date)s.", code=season.code, date=season.cutoff_on.isoformat()),
              "success")
    return redirect(url_for("admin.seasons"))


@bp.post("/seizoenen/<int:season_id>/archiveren")
@authorize("admin")
def archive_season(season_id: int):
    """Closing a school year erases every consented name of that season (DESIGN §7)."""
    season = found(Season, season_id)
    erased = erasure.archive_season(db.session, season, current_user.id)
    db.session.commit()
    flash(_("Season %(code)s is archived; %(count)s names were erased.", code=season.code, count=erased), "success")
    return redirect(url_for("admin.seasons"))


@bp.route("/gemeenten", methods=["GET", "POST"])
@authorize("admin")
def municipalities():
    """All municipalities with their figures, and making a staff member a municipality's coordinator."""
    everyone = list(db.session.scalars(select(Municipality).order_by(Municipality.name)))
    form = CoordinatorForm()
    form.municipality_id.choices = options([(m.id, m.name) for m in everyone])
    status = 200
    if form.validate_on_submit():
        try:
            staff = assign_coordinator(db.session, form.email.data, form.municipality_id.data)
        except ValueError as error:
            db.session.rollback()
            form.email.errors = [str(COORDINATOR_PROBLEMS.get(str(error), COORDINATOR_PROBLEMS["unknown_staff"]))]
            status = 400
        else:
            db.session.commit()
            flash(_("%(name)s now coordinates %(municipality)s.", name=staff.name,
                    municipality=staff.municipality.name), "success")
            return redirect(url_for("admin.municipalities"))
    elif form.errors:
        status = 400
    coordinators = list(db.session.scalars(select(StaffUser).where(StaffUser.role == "coordinator")
                                           .order_by(StaffUser.name)))
    return render_template("admin/municipalities.html", municipalities=everyone, form=form,
                           coordinators=coordinators), status

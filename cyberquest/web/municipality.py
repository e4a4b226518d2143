"""Municipality coordinators: the dashboard of their own municipality, and its one-page summary."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import Session

from ..extensions import db
from ..models import Municipality, Season
from ..services import accounts, board_versions, ceremony_pack, charts, dashboard, leaderboards, policy
from ..services.organisation import update_municipality
from ..services.report_pdf import summary_report
from .access import Owned, authorize
from .board_params import all_seasons, board_cache, season_from
from .commits import audited
from .content_access import content
from .downloads import download
from .forms import MunicipalityForm
from .places import place_edit_page, places_page
from .read_only import reads_only

bp = Blueprint("municipality", __name__, url_prefix="/gemeente")

OWN_MUNICIPALITY = Owned(Municipality, "municipality_id", "municipality", policy.may_view_municipality)


def figure_labels() -> dict[str, str]:
    return {"agents": _("Agents"), "active_this_month": _("Active this month"),
            "missions_completed": _("Missions completed"), "cyber_agents": _("Cyber Agents"),
            "learners": _("Course participants"), "courses_completed": _("Courses completed")}


@bp.get("/")
@authorize("coordinator")
def home():
    return redirect(url_for("municipality.overview", municipality_id=current_user.municipality_id))


def _dashboard(municipality: Municipality, season) -> dashboard.Dashboard:
    """The dashboard's figures, recomputed and shared like the municipality's board: when its activity changed."""
    today, pack, cache = date.today(), content(), board_cache()

    def compute(own: Session) -> dashboard.Dashboard:
        own_season, own_municipality = own.get(Season, season.id), own.get(Municipality, municipality.id)
        schools = leaderboards.cached_schools(cache, own, pack, own_season, own_municipality, "xp")
        return dashboard.load(own, pack, own_municipality, own_season, today, schools)

    return cache.get(("dashboard", season.id, municipality.id, today.isoformat()),
                     lambda own: board_versions.signature(own, season.id, municipality.id), compute, db.session,
                     dashboard.snapshots)


@bp.get("/<int:municipality_id>")
@reads_only
@authorize("coordinator", "admin", owns=OWN_MUNICIPALITY)
def overview(municipality: Municipality):
    season = season_from("seizoen")
    figures = _dashboard(municipality, season)
    weekly = [(week.strftime("%d-%m"), count) for week, count in figures.weekly_active]
    missions = [(week.strftime("%d-%m"), count) for week, count in figures.weekly_missions]
    chart_svgs = {
        "weekly": charts.line_chart(_("Active agents per week"), _("Line chart; the numbers are in the table below."),
                                    weekly, "chart-weekly"),
        "missions": charts.line_chart(_("Missions completed per week"),
                                      _("Line chart; the numbers are in the table below."), missions, "chart-missions"),
        "schools": charts.bar_chart(_("Active agents per school"), _("Bar chart; the numbers are in the table below."),
                                    figures.per_school, "chart-schools"),
        "libraries": charts.bar_chart(_("Course participants per library"),
                                      _("Bar chart; the numbers are in the table below."), figures.per_library,
                                      "chart-libraries"),
    }
    return render_template(
        "municipality/overview.html", municipality=municipality, season=season, seasons=all_seasons(),
        figures=figures, labels=figure_labels(), weekly=weekly, missions=missions, charts=chart_svgs,
        pending=accounts.pending_sign_ups(db.session, current_user),
    )


@bp.get("/<int:municipality_id>/samenvatting.pdf")
@authorize("coordinator", "admin", owns=OWN_MUNICIPALITY)
def summary(municipality: Municipality):
    season = season_from("seizoen")
    figures = _dashboard(municipality, season)
    labels = figure_labels()
    sections = [
        (_("Key figures"), [_("Figure"), _("Number")], [[labels[key], value] for key, value in figures.figures.items()]),
        (_("Active agents per school"), [_("School"), _("Active agents")], [list(item) for item in figures.per_school]),
        (_("Course participants per library"), [_("Library"), _("Course participants")],
         [list(item) for item in figures.per_library]),
    ]
    pdf = summary_report(_("CyberQuest in %(name)s", name=municipality.name),
                         f"{season.code} · {date.today().isoformat()}", sections)
    return download(pdf, "application/pdf", f"cyberquest-{municipality.id}-{season.code}.pdf", inline=True)


@bp.route("/<int:municipality_id>/gegevens", methods=["GET", "POST"])
@authorize("coordinator", "admin", owns=OWN_MUNICIPALITY)
def edit(municipality: Municipality):
    """The municipality's own figures; only an admin records when it joined the programme."""
    form = MunicipalityForm(obj=municipality)
    if current_user.role != "admin":
        del form.joined_on
    if form.validate_on_submit():
        try:
            update_municipality(municipality, mayor_name=form.mayor_name.data, children_8_12=form.children_8_12.data,
                                children_source=form.children_source.data, children_year=form.children_year.data)
        except ValueError:
            db.session.rollback()
            form.children_source.errors = [_("Say where the number of children comes from.")]
        else:
            if current_user.role == "admin":
                municipality.joined_on = form.joined_on.data
            board_versions.bump_municipality(db.session, municipality.id)
            db.session.commit()
            flash(_("The figures of %(name)s are saved.", name=municipality.name), "success")
            return redirect(url_for("municipality.overview", municipality_id=municipality.id))
    return render_template("municipality/edit.html", municipality=municipality, form=form), \
        400 if form.errors else 200


@bp.route("/<int:municipality_id>/<kind>", methods=["GET", "POST"])
@authorize("coordinator", "admin", owns=OWN_MUNICIPALITY)
def places(municipality: Municipality, kind: str):
    """The coordinator adds the schools and libraries of their own municipality."""
    return places_page(kind, [municipality], url_for("municipality.places", municipality_id=municipality.id,
                                                     kind=kind),
                       lambda item: url_for("municipality.edit_place", municipality_id=municipality.id, kind=kind,
                                            item_id=item.id))


@bp.route("/<int:municipality_id>/<kind>/<int:item_id>", methods=["GET", "POST"])
@authorize("coordinator", "admin", owns=OWN_MUNICIPALITY)
def edit_place(municipality: Municipality, kind: str, item_id: int):
    return place_edit_page(kind, item_id, [municipality], url_for("municipality.places",
                                                                   municipality_id=municipality.id, kind=kind))


@bp.get("/<int:municipality_id>/ceremonie")
@authorize("coordinator", "admin", owns=OWN_MUNICIPALITY)
def ceremony(municipality: Municipality):
    """The municipality's part of the season's ceremonies: when its block is and who is invited (names audited)."""
    season = season_from("seizoen")
    parts = []
    for item in ceremony_pack.taking_part(db.session, season.id, municipality.id):
        plan = ceremony_pack.plan(db.session, content(), item)
        blocks = [(session, block) for session in plan.sessions for block in session.blocks
                  if block.municipality == municipality.name]
        parts.append((item, plan.per_municipality.get(municipality.name), blocks, plan.school_rows(municipality.name)))
    audited("read_names", f"municipality:{municipality.id}")
    return render_template("municipality/ceremony.html", municipality=municipality, season=season, parts=parts,
                           pack=content())

"""The admin sets up a ceremony, previews who comes when, and generates the pack in the background."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..models import Ceremony, CeremonyJob, Municipality, Season
from ..services import ceremonies, ceremony_pack
from .access import authorize
from .admin import bp
from .ceremony_jobs import run_in_background
from .commits import audited
from .content_access import content
from .lookup import found
from .downloads import download
from .ceremony_forms import CeremonyForm, GenerateForm, mayor_field, mayors_form
from .forms import options

SETUP_PROBLEMS = {
    "no_municipalities": _l("Choose at least one municipality."),
    "bad_numbers": _l("Check the numbers: at least one child per session and 0.1 to 30 minutes per child."),
    "before_season": _l("The ceremony cannot be before the start of the season."),
    "capacity_below_school": _l("A session holds fewer children than the largest school brings."),
    "ends_after_midnight": _l("The last session would end after midnight: start earlier or allow more children per session."),
    "mayor_missing": _l("Fill in the mayor (or stand-in) of every municipality with invited children: %(names)s."),
}


def _setup(form: CeremonyForm) -> ceremonies.Setup:
    return ceremonies.Setup(**{name: form[name].data for name in ceremonies.Setup.__dataclass_fields__})


def _municipality_choices() -> list:
    return options([(m.id, m.name) for m in db.session.scalars(
        select(Municipality).where(Municipality.joined_on.is_not(None)).order_by(Municipality.name))])


SAVED_SCHEDULE = {
    "saved_schedule_moved": _l("The ceremony is saved; the saved running order moved along with the new start."),
    "saved_schedule_dropped": _l("The ceremony is saved. The saved running order no longer fits the new timing "
                                 "and was let go: save a new one when you make the pack."),
}


@bp.route("/ceremonies", methods=["GET", "POST"])
@authorize("admin")
def ceremonies_page():
    form = CeremonyForm()
    form.season_id.choices = options([(s.id, s.code) for s in db.session.scalars(
        select(Season).order_by(Season.starts_on.desc()))])
    form.municipality_ids.choices = _municipality_choices()
    if form.validate_on_submit():
        try:
            ceremony = ceremonies.create(db.session, db.session.get(Season, form.season_id.data), _setup(form))
        except ceremonies.SetupError as problem:
            db.session.rollback()
            flash(str(SETUP_PROBLEMS[str(problem)]), "error")
        else:
            db.session.commit()
            return redirect(url_for("admin.ceremony", ceremony_id=ceremony.id))
    existing = db.session.scalars(select(Ceremony).order_by(Ceremony.held_on.desc()))
    return render_template("admin/ceremonies.html", form=form, ceremonies=list(existing)), \
        400 if form.errors else 200


def _taking_part(ceremony: Ceremony) -> list[Municipality]:
    return list(db.session.scalars(select(Municipality).where(Municipality.id.in_(ceremony.municipality_ids))
                                   .order_by(Municipality.name)))


@bp.get("/ceremonies/<int:ceremony_id>")
@authorize("admin")
def ceremony(ceremony_id: int):
    """Who qualifies (and who just misses out), the running order and what changed, before anything is made."""
    ceremony = found(Ceremony, ceremony_id)
    return _ceremony_page(ceremony, mayors_form(ceremony, _taking_part(ceremony)))


def _ceremony_page(ceremony: Ceremony, mayors, status: int = 200):
    plan = ceremony_pack.plan(db.session, content(), ceremony)
    jobs = db.session.scalars(select(CeremonyJob).where(CeremonyJob.ceremony_id == ceremony.id)
                              .order_by(CeremonyJob.id.desc()).limit(5))
    return render_template("admin/ceremony.html", ceremony=ceremony, plan=plan, jobs=list(jobs), pack=content(),
                           problems=[str(SETUP_PROBLEMS[p]) % {"names": ", ".join(plan.missing_mayors)}
                                     for p in plan.problems], mayors=mayors,
                           generate_form=GenerateForm()), status


@bp.route("/ceremonies/<int:ceremony_id>/bewerken", methods=["GET", "POST"])
@authorize("admin")
def edit_ceremony(ceremony_id: int):
    ceremony = found(Ceremony, ceremony_id)
    form = CeremonyForm(obj=ceremony)
    del form.season_id  # a ceremony stays in its season
    form.municipality_ids.choices = _municipality_choices()
    form.submit.label.text = _("Save the changes")
    if form.validate_on_submit():
        try:
            outcome = ceremonies.update(db.session, ceremony, _setup(form))
        except ceremonies.SetupError as problem:
            db.session.rollback()
            flash(str(SETUP_PROBLEMS[str(problem)]), "error")
        else:
            db.session.commit()
            flash(str(SAVED_SCHEDULE.get(outcome, _l("The ceremony is saved."))), "success")
            return redirect(url_for("admin.ceremony", ceremony_id=ceremony.id))
    return render_template("admin/ceremony_edit.html", form=form, ceremony=ceremony), 400 if form.errors else 200


@bp.post("/ceremonies/<int:ceremony_id>/burgemeesters")
@authorize("admin")
def ceremony_mayors(ceremony_id: int):
    ceremony = found(Ceremony, ceremony_id)
    municipalities = _taking_part(ceremony)
    form = mayors_form(ceremony, municipalities)
    if not form.validate_on_submit():
        return _ceremony_page(ceremony, form, 400)
    ceremonies.set_mayors(ceremony, {m.id: form[mayor_field(m.id)].data or "" for m in municipalities})
    db.session.commit()
    flash(_("The mayors are saved."), "success")
    return redirect(url_for("admin.ceremony", ceremony_id=ceremony.id))


@bp.post("/ceremonies/<int:ceremony_id>/genereren")
@authorize("admin")
def generate(ceremony_id: int):
    ceremony = found(Ceremony, ceremony_id)
    form = GenerateForm()
    if not form.validate_on_submit():
        abort(400)
    job = ceremonies.start_job(db.session, ceremony, language=form.language.data, save=form.save.data)
    db.session.commit()
    folder = ceremony_pack.packs_root(current_app.instance_path) / f"ceremony-{ceremony.id}-job-{job.id}"
    run_in_background(current_app._get_current_object(), job.id, folder)
    flash(_("The pack is being made. This page shows when it is ready."), "info")
    return redirect(url_for("admin.ceremony_job", job_id=job.id))


@bp.get("/ceremonies/taken/<int:job_id>")
@authorize("admin")
def ceremony_job(job_id: int):
    job = found(CeremonyJob, job_id)
    return render_template("admin/ceremony_job.html", job=job, ceremony=found(Ceremony, job.ceremony_id))


@bp.get("/ceremonies/taken/<int:job_id>/pakket.zip")
@authorize("admin")
def ceremony_download(job_id: int):
    job = db.session.get(CeremonyJob, job_id)
    if job is None or job.status != "done" or not job.folder or not Path(job.folder).is_dir():
        abort(404)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(Path(job.folder).iterdir()):
            archive.write(path, path.name)
    # the pack holds consented names: its download is an export (DESIGN §7)
    audited("export_ceremony_pack", f"ceremony:{job.ceremony_id}:job:{job.id}")
    return download(buffer.getvalue(), "application/zip", f"ceremonie-{job.ceremony_id}.zip")

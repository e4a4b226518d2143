"""Teachers follow their class: the progress matrix, one child's page, offline tasks, reports."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..models import SchoolClass
from ..services import agent_report, badges, class_progress, consent, exports, offline_review, policy
from ..services.class_progress import CELL_SYMBOLS
from ..services.report_pdf import table_report
from .access import authorize
from .class_matrix import matrix_table
from .commits import audited
from .content_access import content
from .downloads import download
from .forms import ConsentForm
from .read_only import reads_only
from .teacher import OWN_CLASS, bp, class_agent

def _matrix(school_class: SchoolClass) -> class_progress.ClassProgress:
    return class_progress.load_class(db.session, content(), school_class.season, school_class.id)


@bp.get("/klassen/<int:class_id>/voortgang")
@reads_only
@authorize("teacher", "admin", owns=OWN_CLASS)
def progress(school_class: SchoolClass):
    matrix = _matrix(school_class)
    sort = request.args.get("sorteer", "name")
    core_only = request.args.get("kern") == "1"
    missions = [m for m in matrix.missions if m.id in matrix.core] if core_only else matrix.missions
    table = matrix_table(matrix, class_progress.sorted_agents(matrix, sort), missions, content(), school_class.id)
    return render_template("teacher/progress.html", school_class=school_class, missions=missions, table=table,
                           sort=sort, core_only=core_only, waiting=offline_review.waiting_in(matrix))


@bp.get("/klassen/<int:class_id>/voortgang.csv")
@authorize("teacher", "admin", owns=OWN_CLASS)
def progress_csv(school_class: SchoolClass):
    matrix = _matrix(school_class)
    audited("export_class_csv", f"class:{school_class.id}")
    body = exports.class_csv(matrix, content(), class_progress.sorted_agents(matrix, "name"))
    return download(body, "text/csv", f"voortgang-{school_class.class_code}.csv")


@bp.get("/klassen/<int:class_id>/rapport.pdf")
@authorize("teacher", "admin", owns=OWN_CLASS)
def report_pdf(school_class: SchoolClass):
    matrix, pack = _matrix(school_class), content()
    audited("export_class_pdf", f"class:{school_class.id}")
    headers = [_("Agent"), *[str(n) for n in range(1, len(matrix.missions) + 1)], _("Done"), _("XP"), _("Rank"),
               _("Cyber Agent")]
    rows = []
    for agent in class_progress.sorted_agents(matrix, "name"):
        rank = matrix.rank(agent.id, pack)
        rows.append([agent.agent_name, *[CELL_SYMBOLS[matrix.state(agent.id, m.id)] for m in matrix.missions],
                     str(matrix.done_count(agent.id)), str(matrix.xp.get(agent.id, 0)),
                     rank.title.nl if rank else "", _("yes") if matrix.qualification[agent.id].qualified else _("no")])
    legend = [f"{n}. {m.title.nl}" for n, m in enumerate(matrix.missions, start=1)]
    legend.append(_("✓ done · ★ done without mistakes · ◐ started · ? waiting for confirmation · · not started"))
    pdf = table_report(_("Class report %(name)s", name=school_class.name),
                       f"{school_class.school.name} · {school_class.season.code} · {date.today().isoformat()}",
                       headers, rows, legend)
    return download(pdf, "application/pdf", f"klasrapport-{school_class.class_code}.pdf", inline=True)


@bp.get("/klassen/<int:class_id>/agenten/<int:agent_id>")
@authorize("teacher", "admin", owns=OWN_CLASS)
def agent_detail(school_class: SchoolClass, agent_id: int):
    agent = class_agent(school_class, agent_id)
    pack = content()
    matrix = class_progress.load(db.session, pack, school_class.season, [agent])
    record = consent.for_agents(db.session, [agent.id]).get(agent.id)
    own_teacher = policy.teaches(current_user, school_class)  # only they see the private note
    if (own_teacher and agent.private_note) or (record is not None and record.display_name):  # a real name shows
        audited("read_names", f"class:{school_class.id}:agent:{agent.id}")
    return render_template(
        "teacher/agent_detail.html", school_class=school_class, agent=agent, matrix=matrix, pack=pack,
        own_teacher=own_teacher,
        report=agent_report.load(db.session, pack, agent.id, school_class.season_id),
        trophies=[t for t in badges.trophy_room(db.session, pack, agent) if t.awarded_at],
        waiting=offline_review.waiting_in(matrix),
        consent=record, consent_form=ConsentForm(data={"display_name": record.display_name if record else ""}),
        other_classes=[c for c in current_user.classes if c.id != school_class.id and c.school_id == school_class.school_id])


@bp.post("/klassen/<int:class_id>/agenten/<int:agent_id>/offline/<mission_id>")
@authorize("teacher", "admin", owns=OWN_CLASS)
def review_offline(school_class: SchoolClass, agent_id: int, mission_id: str):
    agent = class_agent(school_class, agent_id)
    decision = request.form.get("decision")
    review = {"confirm": offline_review.confirm, "decline": offline_review.decline}.get(decision)
    if review is None or not review(db.session, content(), agent, school_class.season_id, mission_id):
        abort(404)
    db.session.commit()
    if decision == "confirm":
        flash(_("Confirmed: %(agent)s gets the points for this task.", agent=agent.agent_name), "success")
    else:
        flash(_("Not confirmed: %(agent)s sees the task again.", agent=agent.agent_name), "info")
    if request.form.get("back") == "agent":
        return redirect(url_for("teacher.agent_detail", class_id=school_class.id, agent_id=agent.id))
    return redirect(url_for("teacher.progress", class_id=school_class.id))

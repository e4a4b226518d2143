"""Trainers follow their group: participants × lessons, reports, and each participant's data rights."""
from __future__ import annotations

from datetime import date

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..models import CourseGroup
from ..services import erasure, exports, group_progress
from ..services.class_progress import CELL_SYMBOLS
from ..services.report_pdf import table_report
from .access import authorize
from .commits import audited
from .content_access import content
from .data_rights import erase_person, export_person
from .downloads import download
from .trainer import OWN_GROUP, bp, group_learner

@bp.get("/groepen/<int:group_id>/voortgang")
@authorize("trainer", "admin", owns=OWN_GROUP)
def progress(group: CourseGroup):
    matrix = group_progress.load(db.session, content(), group)
    sort = "done" if request.args.get("sorteer") == "done" else "name"
    return render_template("trainer/progress.html", group=group, matrix=matrix, sort=sort,
                           rows=matrix.sorted_learners(sort))


@bp.get("/groepen/<int:group_id>/voortgang.csv")
@authorize("trainer", "admin", owns=OWN_GROUP)
def progress_csv(group: CourseGroup):
    matrix = group_progress.load(db.session, content(), group)
    audited("export_group_csv", f"group:{group.id}")
    return download(exports.group_csv(matrix.learners, matrix.lessons, matrix.states), "text/csv",
                    f"voortgang-{group.group_code}.csv")


@bp.get("/groepen/<int:group_id>/rapport.pdf")
@authorize("trainer", "admin", owns=OWN_GROUP)
def report_pdf(group: CourseGroup):
    matrix = group_progress.load(db.session, content(), group)
    audited("export_group_pdf", f"group:{group.id}")
    headers = [_("Participant"), *[str(n) for n in range(1, len(matrix.lessons) + 1)], _("Done")]
    rows = [[learner.first_name, *[CELL_SYMBOLS[matrix.state(learner.id, c.id, l.id)] for c, l in matrix.lessons],
             str(matrix.done_count(learner.id))] for learner in matrix.learners]
    legend = [f"{n}. {course.title.nl}: {lesson.title.nl}" for n, (course, lesson) in enumerate(matrix.lessons, 1)]
    legend.append(_("✓ done · ◐ started · · not started"))
    pdf = table_report(_("Group report %(name)s", name=group.name),
                       f"{group.library.name} · {date.today().isoformat()}", headers, rows, legend)
    return download(pdf, "application/pdf", f"groepsrapport-{group.group_code}.pdf", inline=True)


@bp.get("/groepen/<int:group_id>/deelnemers/<int:learner_id>/gegevens.json")
@authorize("trainer", "admin", owns=OWN_GROUP)
def export_learner(group: CourseGroup, learner_id: int):
    learner = group_learner(group, learner_id)
    return export_person(lambda: exports.learner_data(db.session, learner), "export_learner", f"group:{group.id}",
                         f"deelnemer-{learner.id}.json")


@bp.route("/groepen/<int:group_id>/deelnemers/<int:learner_id>/wissen", methods=["GET", "POST"])
@authorize("trainer", "admin", owns=OWN_GROUP)
def erase_learner(group: CourseGroup, learner_id: int):
    learner = group_learner(group, learner_id)
    return erase_person(lambda: erasure.erase_learner(db.session, learner.id, current_user.id), learner.first_name,
                        back=url_for("trainer.learner_progress", group_id=group.id, learner_id=learner.id),
                        done=url_for("trainer.group_detail", group_id=group.id),
                        message=_("All data of this participant is erased."))

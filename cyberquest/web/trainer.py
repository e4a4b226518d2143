"""Library course guides (trainers): their own course groups and learners' login cards."""
from __future__ import annotations

from flask import (Blueprint, Response, abort, current_app, flash, redirect, render_template, request,
                   url_for)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..models import CourseGroup, Learner
from ..services import courses, groups, policy, throttle
from ..services.workbook import workbook_pdf
from . import cards
from .content_access import content
from .access import Owned, authorize
from .forms import AddLearnerForm, CourseGroupForm, options

bp = Blueprint("trainer", __name__, url_prefix="/begeleider")

OWN_GROUP = Owned(CourseGroup, "group_id", "group", policy.may_manage_group)


@bp.get("/")
@authorize("trainer")
def home():
    pack = content()
    return render_template("trainer/home.html", course_groups=current_user.course_groups,
                           course_list=courses.all_courses(pack.courses))


@bp.get("/cursussen/<course_id>/werkboek.pdf")
@authorize("trainer", "admin")
def workbook(course_id: str):
    """A large-print paper workbook of the course, for people who prefer paper."""
    course = content().courses.get(course_id)
    if course is None:
        abort(404)
    labels = {"glossary": _("Words in this course"), "lesson": _("Lesson"), "answers": _("Explanations"),
              "true": _("True"), "false": _("Not true"), "from": _("From:")}
    pdf = workbook_pdf(course, get_locale().language, labels)
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="werkboek-{course.id}.pdf"'})


@bp.route("/groepen/nieuw", methods=["GET", "POST"])
@authorize("trainer")
def new_group():
    if current_user.library is None:
        flash(_("Your account is not linked to a library yet. Ask an administrator."), "error")
        return redirect(url_for("trainer.home"))
    form = CourseGroupForm()
    form.place_id.label.text = _("Library")
    form.place_id.choices = options([(current_user.library.id, current_user.library.name)])
    locale = get_locale().language
    form.courses.choices = options([(c.id, c.title.get(locale)) for c in courses.all_courses(content().courses)])
    if form.validate_on_submit():
        group = groups.create_group(db.session, current_user, form.place_id.data, form.name.data,
                                    meeting=form.meeting.data, course_ids=form.courses.data)
        db.session.commit()
        flash(_("Group %(name)s is ready. Add participants to print their login cards.", name=group.name), "success")
        return redirect(url_for("trainer.group_detail", group_id=group.id))
    return render_template("trainer/new_group.html", form=form), 400 if form.errors else 200


@bp.get("/groepen/<int:group_id>")
@authorize("trainer", "admin", owns=OWN_GROUP)
def group_detail(group: CourseGroup):
    pack = content()
    progress = {learner.id: courses.lessons_done(db.session, learner.id, pack.courses) for learner in group.learners}
    return render_template(
        "trainer/group_detail.html", group=group, add_form=AddLearnerForm(), progress=progress,
        course_list=courses.all_courses(pack.courses),
        locked=throttle.locked_cards(db.session, group.group_code),
    )


@bp.post("/groepen/<int:group_id>/deelnemers")
@authorize("trainer", "admin", owns=OWN_GROUP)
def add_learner(group: CourseGroup):
    form = AddLearnerForm()
    if not form.validate_on_submit():
        flash(_("Fill in a first name."), "error")
        return redirect(_group_page(group))
    try:
        card = groups.add_learner(db.session, group, form.first_name.data, current_app.config["PIN_HASH_PROFILE"])
    except ValueError:
        db.session.rollback()
        flash(_("Someone in this group already has that name. Add the first letter of the surname, "
                "for example “Annie V”."), "error")
        return redirect(_group_page(group))
    db.session.commit()
    return cards.show_new_cards([card], group.group_code, group.name, _group_page(group))


@bp.post("/groepen/<int:group_id>/deelnemers/<int:learner_id>/nieuwe-kaart")
@authorize("trainer", "admin", owns=OWN_GROUP)
def new_card(group: CourseGroup, learner_id: int):
    learner = group_learner(group, learner_id)
    return cards.replace_card(learner, group.group_code, group.name, _group_page(group))


@bp.post("/groepen/<int:group_id>/inlogkaarten")
@authorize("trainer", "admin", owns=OWN_GROUP)
def print_cards(group: CourseGroup):
    if not group.learners:
        abort(404)
    footer = " · ".join(part for part in (group.library.name, group.meeting) if part)
    return cards.print_all(group.learners, group.group_code, group.name, "auth.learner_sign_in", footer)


@bp.get("/groepen/<int:group_id>/deelnemers/<int:learner_id>")
@authorize("trainer", "admin", owns=OWN_GROUP)
def learner_progress(group: CourseGroup, learner_id: int):
    """One participant's progress, lesson by lesson, in the order of their route."""
    learner = group_learner(group, learner_id)
    return render_template("trainer/learner.html", group=group, learner=learner,
                           overview=courses.lesson_overview(db.session, learner, content().courses))


@bp.route("/groepen/<int:group_id>/deelnemers/<int:learner_id>/route", methods=["GET", "POST"])
@authorize("trainer", "admin", owns=OWN_GROUP)
def route(group: CourseGroup, learner_id: int):
    """The learner's learning route: which courses, in which order."""
    learner = group_learner(group, learner_id)
    pack = content()
    if request.method == "POST":
        places = {}
        for course_id in pack.courses:
            value = request.form.get(f"place-{course_id}", "")
            if value and not value.isdigit():
                abort(400)
            places[course_id] = int(value) if value else None
        courses.set_route(learner, places, pack.courses)
        db.session.commit()
        flash(_("The learning route of %(name)s is saved.", name=learner.first_name), "success")
        return redirect(_group_page(group))
    current = {course.id: index + 1 for index, course in enumerate(courses.route_for(learner, pack.courses))}
    return render_template("trainer/route.html", group=group, learner=learner,
                           course_list=courses.all_courses(pack.courses),
                           current=current if learner.route is not None else {})


@bp.post("/groepen/<int:group_id>/certificaten")
@authorize("trainer", "admin", owns=OWN_GROUP)
def print_certificates(group: CourseGroup):
    """Every certificate the group has earned, to print and hand out together."""
    pack = content()
    entries = [
        (learner.first_name, pack.courses[course_id], group.library.name, moment)
        for learner in group.learners
        for course_id, moment in sorted(courses.finished_courses(db.session, learner.id, pack.courses).items())
    ]
    if not entries:
        flash(_("Nobody in this group has finished a course yet."), "info")
        return redirect(_group_page(group))
    return cards.certificates_response(entries, f"certificaten-{group.group_code}.pdf")


@bp.post("/groepen/<int:group_id>/ontgrendelen")
@authorize("trainer", "admin", owns=OWN_GROUP)
def unlock(group: CourseGroup):
    return cards.unlock("group", group.group_code, _("Card sign-in for this group is unlocked."), _group_page(group))


def group_learner(group: CourseGroup, learner_id: int) -> Learner:
    learner = db.session.get(Learner, learner_id)
    if learner is None or learner.group_id != group.id:
        abort(404)
    return learner


def _group_page(group: CourseGroup) -> str:
    return url_for("trainer.group_detail", group_id=group.id)

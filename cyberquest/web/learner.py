"""Seniors (learners): their courses and a calm lesson player (no points, no timers)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..content import Course, Lesson
from ..extensions import db
from ..services import achievements, badges, bridge, courses, open_badges
from . import cards, passphrase
from .content_access import content, step_kinds
from .access import authorize
from .busy import retry_when_busy
from .celebrations import commit_answer
from .answers import BadAnswer, parse, shuffled_positions
from .forms import LearnerEmailForm
from .open_badges import urls as open_badge_urls

bp = Blueprint("learner", __name__, url_prefix="/cursist")


def _course(course_id: str) -> Course:
    course = content().courses.get(course_id)
    if course is None:
        abort(404)
    return course


def _lesson(course: Course, lesson_id: str) -> Lesson:
    lesson = next((lesson for lesson in course.lessons if lesson.id == lesson_id), None)
    if lesson is None:
        abort(404)
    return lesson


def _order(course: Course, lesson: Lesson, step) -> list[int] | None:
    if step.kind != "order":
        return None
    salt = f"course-order:{current_user.id}:{course.id}:{lesson.id}:{step.key}"
    return shuffled_positions(current_app.config["SECRET_KEY"], salt, len(step.data["items"]))


@bp.get("/")
@authorize("learner")
def home():
    pack = content()
    finished = courses.finished_courses(db.session, current_user.id, pack.courses)
    overview = []
    for course in courses.route_for(current_user, pack.courses):
        states = courses.progress_by_lesson(db.session, current_user.id, course.id)
        done = sum(1 for lesson in course.lessons if states.get(lesson.id) and states[lesson.id].finished_at)
        overview.append({"course": course, "done": done, "finished": course.id in finished})
    helper_code = bridge.current_code(db.session, current_user.id)
    waiting = bridge.pending(db.session, current_user.id)
    db.session.commit()
    return render_template("learner/home.html", learner=current_user, overview=overview, helper_code=helper_code,
                           badge_strip=badges.badge_strip(pack, current_user, badges.awarded(db.session, current_user)),
                           waiting=[(item, pack.missions.get(item.mission_id)) for item in waiting])


@bp.route("/email", methods=["GET", "POST"])
@authorize("learner")
def email():
    """An e-mail address is optional: never needed to take part."""
    form = LearnerEmailForm(data={"email": current_user.email})
    if form.validate_on_submit():
        current_user.email = (form.email.data or "").strip().lower() or None
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("learner.home"))
    return render_template("learner/email.html", form=form), 400 if form.errors else 200


@bp.post("/hulp/<int:confirmation_id>/bevestigen")
@retry_when_busy
@authorize("learner")
def confirm_help(confirmation_id: int):
    """The senior agrees that a child helped them: the child's offline mission is confirmed."""
    if bridge.confirm(db.session, current_user.id, confirmation_id, content()):
        db.session.commit()
        flash(_("Thank you! The child gets the points for helping you."), "success")
    else:
        abort(404)
    return redirect(url_for("learner.home"))


@bp.get("/cursus/<course_id>")
@authorize("learner")
def course(course_id: str):
    course = _course(course_id)
    states = courses.progress_by_lesson(db.session, current_user.id, course.id)
    next_lesson = next((lesson for lesson in course.lessons
                        if not (states.get(lesson.id) and states[lesson.id].finished_at)), None)
    done_lessons = [lesson_id for lesson_id, state in states.items() if state.finished_at]
    return render_template("learner/course.html", course=course, states=states, next_lesson=next_lesson,
                           done_lessons=done_lessons,
                           finished=courses.finished_at(course, states))


@bp.get("/cursus/<course_id>/certificaat.pdf")
@authorize("learner")
def certificate(course_id: str):
    course = _course(course_id)
    moment = courses.finished_at(course, courses.progress_by_lesson(db.session, current_user.id, course.id))
    if moment is None:
        abort(404)
    library = current_user.group.library.name
    return cards.certificates_response([(current_user.first_name, course, library, moment)],
                                       f"certificaat-{course.id}.pdf")


@bp.get("/cursus/<course_id>/les/<lesson_id>")
@authorize("learner")
def lesson(course_id: str, lesson_id: str):
    course = _course(course_id)
    lesson = _lesson(course, lesson_id)
    state = courses.progress(db.session, current_user.id, course.id, lesson.id)
    db.session.commit()
    reached = min(state.position, len(lesson.steps))
    shown = request.args.get("stap", type=int)
    if shown is None:
        shown = reached
    if shown >= len(lesson.steps) or shown > reached or shown < 0:
        if state.finished_at is None:
            return redirect(url_for("learner.lesson", course_id=course.id, lesson_id=lesson.id))
        return render_template("learner/lesson_done.html", course=course, lesson=lesson)
    return _render_step(course, lesson, shown)


def _render_step(course: Course, lesson: Lesson, index: int, wrong: bool = False, status: int = 200):
    step = lesson.steps[index]
    return render_template("learner/step.html", course=course, lesson=lesson, step=step, index=index,
                           total=len(lesson.steps), order=_order(course, lesson, step), wrong=wrong), status


@bp.post("/cursus/<course_id>/les/<lesson_id>/stap/<step_key>/meter")
@authorize("learner")
def passphrase_meter(course_id: str, lesson_id: str, step_key: str):
    return passphrase.judge(_lesson(_course(course_id), lesson_id).steps, step_key)


@bp.post("/cursus/<course_id>/les/<lesson_id>/stap/<step_key>")
@retry_when_busy
@authorize("learner")
def submit(course_id: str, lesson_id: str, step_key: str):
    course = _course(course_id)
    lesson = _lesson(course, lesson_id)
    index = next((i for i, step in enumerate(lesson.steps) if step.key == step_key), None)
    if index is None:
        abort(404)
    step, kinds = lesson.steps[index], step_kinds()
    next_page = url_for("learner.lesson", course_id=course.id, lesson_id=lesson.id, stap=index + 1)
    try:
        if not kinds[step.kind].scored:
            achievements.go_on_in_lesson(db.session, content(), kinds, current_user, course, lesson, step.key)
            db.session.commit()
            return redirect(next_page)
        right, new_badges = achievements.answer_lesson_step(db.session, content(), kinds, current_user, course,
                                                            lesson, step.key,
                                                            parse(step, request.form, _order(course, lesson, step)))
    except courses.CourseError:
        db.session.rollback()
        return redirect(url_for("learner.lesson", course_id=course.id, lesson_id=lesson.id))
    except courses.TooFast:
        db.session.rollback()
        abort(429)
    except BadAnswer:
        db.session.rollback()
        return _render_step(course, lesson, index, status=400)
    commit_answer(new_badges)
    if not right:
        return _render_step(course, lesson, index, wrong=True)
    return render_template("learner/feedback.html", course=course, lesson=lesson, step=step, index=index,
                           total=len(lesson.steps), next_page=next_page)


@bp.get("/badges")
@authorize("learner")
def trophies():
    return render_template("learner/trophies.html", trophies=badges.trophy_room(db.session, content(), current_user),
                           has_email=bool(current_user.email))


@bp.get("/badges/<badge_id>/open-badge.svg")
@authorize("learner")
def open_badge(badge_id: str):
    """An earned badge as an image with its Open Badges assertion baked in (needs an e-mail address)."""
    badge = content().badges.get(badge_id)
    award = badges.awarded(db.session, current_user).get(badge_id)
    if badge is None or award is None:
        abort(404)
    if not current_user.email:
        flash(_("Add your e-mail address first: the badge is issued to that address."), "info")
        return redirect(url_for("learner.email"))
    assertion = open_badges.assertion_for(db.session, current_user, award)
    db.session.commit()
    svg = (Path(current_app.static_folder) / "badges" / badge.icon).read_text(encoding="utf-8")
    baked = open_badges.bake_svg(svg, open_badges.assertion_json(assertion, award, open_badge_urls()))
    return Response(baked, mimetype="image/svg+xml",
                    headers={"Content-Disposition": f'attachment; filename="open-badge-{badge.id}.svg"'})

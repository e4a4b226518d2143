"""The Agent Level Maker for children: build a mission step by step, preview it, send it to the teacher."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import delete

from ..extensions import db
from ..models import MadeMission, MissionProgress, StepResult
from ..services import made_missions
from ..services import made_mission_content as made_content
from .access import authorize
from .agent import bp
from .answers import BadAnswer, parse, shuffled_positions
from .content_access import filter_words, step_kinds
from .maker_forms import KIND_NAMES, REMARKS, STEP_FORMS, BasicsForm, SubmitMissionForm, step_form

FINDINGS = {
    "title": _l("Give your mission a title."), "intro": _l("Write the story at the start."),
    "tip": _l("Write your tip for the end."), "step_count": _l("A mission has 3 to 6 steps."),
    "question": _l("Write the question."), "answer": _l("Mark which answer is right."),
    "options": _l("Write at least two answers."), "parts": _l("Mark at least one suspicious part, and say why."),
    "items": _l("Add more things to sort or to put in order."), "categories": _l("Give both groups a name."),
    "text": _l("Write the text."), "statement": _l("Write the statement."), "sender": _l("Say who sends the message."),
    "other": _l("Something is not finished yet."),
}
FLAGS = {
    "insult": _l("This word can hurt someone: %(found)s"),
    "phone": _l("This looks like a phone number: %(found)s. Never use a real one; make one up."),
    "email": _l("This looks like an e-mail address: %(found)s. Never use a real one; make one up."),
    "address": _l("This looks like an address: %(found)s. Never use a real one."),
    "name": _l("This is the name of someone in your class: %(found)s. Use a made-up name."),
    "link": _l("This looks like a link: %(found)s. Your teacher will check it."),
}


def _own(made_id: int) -> MadeMission:
    made = db.session.get(MadeMission, made_id)
    if made is None:
        abort(404)
    if made.agent_id != current_user.id:
        abort(403)
    return made


@bp.get("/maker")
@authorize("agent")
def maker():
    return render_template("agent/maker_list.html", made=made_missions.own(db.session, current_user), remarks=REMARKS)


@bp.post("/maker/nieuw")
@authorize("agent")
def maker_new():
    try:
        made = made_missions.start(db.session, current_user)
    except made_missions.MakerError:
        flash(_("Finish or send one of your missions first: you can have 5 unfinished missions at a time."), "error")
        return redirect(url_for("agent.maker"))
    db.session.commit()
    return redirect(url_for("agent.maker_mission", made_id=made.id))


def _overview(made: MadeMission, basics: BasicsForm | None = None, findings=(), status: int = 200):
    basics = basics or BasicsForm(data=made.content)
    flags = made_missions.flags(db.session, made, filter_words()) if made.status in made_missions.EDITABLE else []
    return render_template("agent/maker_mission.html", made=made, basics=basics, steps=made.content["steps"],
                           kinds=KIND_NAMES,
                           findings=[(f.step, FINDINGS[f.reason]) for f in findings],
                           flags=[(flag, FLAGS[flag.category]) for flag in flags], submit_form=SubmitMissionForm(),
                           editable=made.status in made_missions.EDITABLE, remarks=REMARKS,
                           max_steps=made_content.MAX_STEPS), status


@bp.route("/maker/<int:made_id>", methods=["GET", "POST"])
@authorize("agent")
def maker_mission(made_id: int):
    """The mission's title, story and tip, and its steps; saved whenever the child presses a button."""
    made = _own(made_id)
    basics = BasicsForm(data=made.content)
    if request.method == "POST":
        if not basics.validate_on_submit():
            return _overview(made, basics, status=400)
        made_missions.save_basics(made, basics.title.data, basics.intro.data, basics.tip.data)
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("agent.maker_mission", made_id=made.id))
    return _overview(made, basics)


def _step_page(made: MadeMission, form, kind: str, number: int | None, saved: dict | None, status: int = 200):
    preview = made_content.preview_step(saved, step_kinds()) if saved else None
    return render_template("agent/maker_step.html", made=made, form=form, kind=kind, kind_name=KIND_NAMES[kind],
                           number=number, preview=preview), status


@bp.route("/maker/<int:made_id>/stap/<int:number>", methods=["GET", "POST"])
@bp.route("/maker/<int:made_id>/stap/nieuw/<kind>", methods=["GET", "POST"])
@authorize("agent")
def maker_step(made_id: int, number: int | None = None, kind: str | None = None):
    """Edit step ``number`` (1-based), or add a new step of ``kind``; saved as a draft on every save."""
    made = _own(made_id)
    if made.status not in made_missions.EDITABLE:
        return redirect(url_for("agent.maker_mission", made_id=made.id))
    steps = made.content["steps"]
    saved = steps[number - 1] if number is not None and 0 < number <= len(steps) else None
    if number is not None and saved is None:
        abort(404)
    kind = saved["kind"] if saved else kind
    if kind not in STEP_FORMS:
        abort(404)
    form = step_form(kind, saved if request.method == "GET" else None)
    if request.method == "POST":
        if not form.validate_on_submit():
            return _step_page(made, form, kind, number, None, 400)
        try:
            position = made_missions.save_step(made, None if number is None else number - 1, form.to_step())
        except made_missions.MakerError:
            db.session.rollback()
            abort(409)
        db.session.commit()
        flash(_("Step %(n)s is saved.", n=position + 1), "success")
        return redirect(url_for("agent.maker_mission", made_id=made.id, _anchor=f"step-{position + 1}"))
    return _step_page(made, form, kind, number, saved)


@bp.post("/maker/<int:made_id>/voorbeeld/<kind>")
@authorize("agent")
def maker_live_preview(made_id: int, kind: str):
    """The step being typed, as players will see it (for the live preview; nothing is saved)."""
    _own(made_id)
    if kind not in STEP_FORMS:
        abort(404)
    form = STEP_FORMS[kind]()
    step = made_content.preview_step(form.to_step(), step_kinds()) if form.validate() else None
    return render_template("agent/maker_preview_step.html", step=step)


@bp.post("/maker/<int:made_id>/stap/<int:number>/<action>")
@authorize("agent")
def maker_step_action(made_id: int, number: int, action: str):
    made = _own(made_id)
    try:
        if action == "weg":
            made_missions.delete_step(made, number - 1)
        elif action in ("omhoog", "omlaag"):
            made_missions.move_step(made, number - 1, -1 if action == "omhoog" else 1)
        else:
            abort(404)
    except made_missions.MakerError:
        db.session.rollback()
        abort(409)
    db.session.commit()
    return redirect(url_for("agent.maker_mission", made_id=made.id, _anchor="steps"))


@bp.get("/maker/<int:made_id>/voorbeeld")
@authorize("agent")
def maker_preview(made_id: int):
    """The mission one step at a time, as players will see it; answers can be tried here without points."""
    made = _own(made_id)
    return _preview_page(made, request.args.get("stap", 1, type=int), None)


def _display_order(made: MadeMission, step) -> list[int] | None:
    if step is None or step.kind != "order":
        return None
    return shuffled_positions(current_app.config["SECRET_KEY"], f"maker:{made.id}:{step.key}", len(step.data["items"]))


def _preview_page(made: MadeMission, number: int, result: bool | None, status: int = 200):
    steps = made.content["steps"]
    if not steps:
        return redirect(url_for("agent.maker_mission", made_id=made.id))
    number = min(max(number, 1), len(steps))
    step = made_content.preview_step(steps[number - 1], step_kinds())
    return render_template("agent/maker_preview.html", made=made, steps=steps, number=number, step=step,
                           order=_display_order(made, step), result=result), status


@bp.post("/maker/<int:made_id>/voorbeeld/stap/<int:number>")
@authorize("agent")
def maker_try_step(made_id: int, number: int):
    made = _own(made_id)
    steps = made.content["steps"]
    if not 0 < number <= len(steps):
        abort(404)
    step = made_content.preview_step(steps[number - 1], step_kinds())
    kind = step_kinds()[step.kind] if step else None
    if kind is None or not kind.scored:
        return redirect(url_for("agent.maker_preview", made_id=made.id, stap=min(number + 1, len(steps))))
    try:
        right = kind.is_right(step.data, parse(step, request.form, _display_order(made, step)))
    except BadAnswer:
        return _preview_page(made, number, None, 400)
    return _preview_page(made, number, right)


@bp.post("/maker/<int:made_id>/insturen")
@authorize("agent")
def maker_submit(made_id: int):
    made = _own(made_id)
    if not SubmitMissionForm().validate_on_submit():
        abort(400)
    try:
        findings = made_missions.submit(db.session, made, step_kinds(), filter_words())
    except made_missions.MakerError:
        db.session.rollback()
        return redirect(url_for("agent.maker_mission", made_id=made.id))
    if findings:
        return _overview(made, findings=findings, status=400)
    db.session.commit()
    flash(_("Sent! Your teacher will look at your mission."), "success")
    return redirect(url_for("agent.maker"))


@bp.post("/maker/<int:made_id>/uitproberen")
@authorize("agent")
def maker_play(made_id: int):
    """Play your own mission from the start, like your classmates will (you earn no points with it)."""
    made = _own(made_id)
    for model in (MissionProgress, StepResult):
        db.session.execute(delete(model).where(model.agent_id == current_user.id, model.mission_id == made.mission_id))
    db.session.commit()
    return redirect(url_for("agent.mission", mission_id=made.mission_id))

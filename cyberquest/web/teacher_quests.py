"""Class quests on the smartboard: the teacher shows one step at a time, then the day's code."""
from __future__ import annotations

from datetime import date

from flask import abort, current_app, render_template, request
from flask_login import current_user

from ..content import Mission
from ..extensions import db
from ..models import SchoolClass
from ..services import class_quests
from .access import authorize
from .answers import shuffled_positions
from .content_access import content
from .teacher import OWN_CLASS, bp


def _quest(mission_id: str) -> Mission:
    mission = content().missions.get(mission_id)
    if mission is None or not mission.class_quest:
        abort(404)
    return mission


@bp.get("/klassen/<int:class_id>/klassenquests")
@authorize("teacher", "admin", owns=OWN_CLASS)
def quests(school_class: SchoolClass):
    return render_template("teacher/quests.html", school_class=school_class, quests=class_quests.quests(content()))


@bp.get("/klassen/<int:class_id>/klassenquests/<mission_id>")
@authorize("teacher", "admin", owns=OWN_CLASS)
def quest_step(school_class: SchoolClass, mission_id: str):
    """One step, large; ``antwoord=1`` shows the answer after the class has decided together."""
    mission = _quest(mission_id)
    index = request.args.get("stap", default=0, type=int)
    if not 0 <= index < len(mission.steps):
        abort(404)
    step = mission.steps[index]
    order = None
    if step.kind == "order":
        salt = f"quest-order:{school_class.id}:{mission.id}:{step.key}"
        order = shuffled_positions(current_app.config["SECRET_KEY"], salt, len(step.data["items"]))
    return render_template("teacher/quest_step.html", school_class=school_class, mission=mission, step=step,
                           index=index, total=len(mission.steps), order=order,
                           reveal=request.args.get("antwoord") == "1")


@bp.post("/klassen/<int:class_id>/klassenquests/<mission_id>/code")
@authorize("teacher", "admin", owns=OWN_CLASS)
def quest_code(school_class: SchoolClass, mission_id: str):
    mission = _quest(mission_id)
    code = class_quests.code_for(db.session, school_class, mission, date.today(), current_user.id)
    db.session.commit()
    return render_template("teacher/quest_code.html", school_class=school_class, mission=mission, code=code)

"""Managing a class: close or reopen, colleagues, the next school year, assigned missions, notes, moves."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..extensions import db
from ..models import SchoolClass
from ..services import class_management, class_progress, policy
from ..services.class_management import ManageError
from .access import authorize
from .content_access import content
from .converters import database_id
from .teacher import OWN_CLASS, bp, class_agent

PROBLEMS = {
    "bad_note": _l("A note may only hold a first name or an initial, for example: Sanne or S."),
    "not_a_colleague": _l("Choose a teacher of this school."),
    "wrong_class": _l("Choose another class of the same school."),
    "name_taken": _l("An agent with that name is already in the other class. Give this agent a new name first."),
    "no_next_season": _l("The next school year has not been added yet. Ask an administrator."),
    "bad_name": _l("Give the class a name."),
    "unknown_mission": _l("That mission does not exist."),
    "wrong_duplicate": _l("Choose another agent of this class."),
    "not_sure": _l("Tick the box to confirm."),
}


def _page(school_class: SchoolClass):
    return redirect(url_for("teacher.manage", class_id=school_class.id))


def _done(change, success: str, back):
    """Run a change; commit and say so, or roll back and explain."""
    try:
        change()
    except ManageError as problem:
        db.session.rollback()
        flash(str(PROBLEMS[str(problem)]), "error")
    else:
        db.session.commit()
        flash(success, "success")
    return back


@bp.get("/klassen/<int:class_id>/beheer")
@authorize("teacher", "admin", owns=OWN_CLASS)
def manage(school_class: SchoolClass):
    return render_template(
        "teacher/manage.html", school_class=school_class,
        colleagues=class_management.colleagues(db.session, school_class),
        next_season=class_management.next_season(db.session, school_class),
        missions=class_progress.ordered_missions(content()), assigned=school_class.assigned_missions or [])


@bp.post("/klassen/<int:class_id>/beheer/<action>")
@authorize("teacher", "admin", owns=OWN_CLASS)
def manage_action(school_class: SchoolClass, action: str):
    form = request.form
    colleague = form.get("colleague", type=database_id) or 0
    actions = {
        "sluiten": (lambda: class_management.close(school_class), _("The class is closed: the cards do not work.")),
        "heropenen": (lambda: class_management.reopen(school_class), _("The class is open again.")),
        "collega": (lambda: class_management.add_teacher(db.session, school_class, colleague),
                    _("Your colleague now also teaches this class.")),
        "overdragen": (lambda: class_management.hand_over(db.session, school_class, current_user, colleague),
                       _("The class is handed over.")),
        "volgend-jaar": (lambda: class_management.promote(db.session, school_class, form.get("name", "")),
                         _("The class moved up to the next school year, with all its agents.")),
        "bord-verbergen": (lambda: class_management.show_board(school_class, False),
                           _("The class board is hidden from the children.")),
        "bord-tonen": (lambda: class_management.show_board(school_class, True), _("The class board is shown again.")),
        "missies": (lambda: class_management.assign_missions(school_class, form.getlist("mission"), content()),
                    _("The chosen missions are now first on the children's map.")),
    }
    if action not in actions:
        abort(404)
    change, success = actions[action]
    back = _page(school_class)
    if action == "overdragen" and current_user.role == "teacher":
        back = redirect(url_for("teacher.home"))
    return _done(change, success, back)


@bp.post("/klassen/<int:class_id>/agenten/<int:agent_id>/notitie")
@authorize("teacher", "admin", owns=OWN_CLASS)
def note(school_class: SchoolClass, agent_id: int):
    agent = class_agent(school_class, agent_id)
    if not policy.teaches(current_user, school_class):
        abort(403)  # the note is for the class's own teachers only, not even for admins
    return _done(lambda: class_management.set_note(agent, request.form.get("note", "")), _("Note saved."),
                 redirect(url_for("teacher.agent_detail", class_id=school_class.id, agent_id=agent.id)))


@bp.post("/klassen/<int:class_id>/agenten/<int:agent_id>/verplaatsen")
@authorize("teacher", "admin", owns=OWN_CLASS)
def move(school_class: SchoolClass, agent_id: int):
    agent = class_agent(school_class, agent_id)
    target = db.session.get(SchoolClass, request.form.get("target", type=database_id) or 0)
    if target is None or not policy.may_manage_class(current_user, target):
        abort(403)
    return _done(lambda: class_management.move_agent(db.session, agent, target),
                 _("%(agent)s is now in %(name)s.", agent=agent.agent_name, name=target.name),
                 redirect(url_for("teacher.class_detail", class_id=school_class.id)))


@bp.post("/klassen/<int:class_id>/agenten/<int:agent_id>/samenvoegen")
@authorize("teacher", "admin", owns=OWN_CLASS)
def merge(school_class: SchoolClass, agent_id: int):
    """Two cards for one child: the other agent's progress, XP and badges move to this one."""
    agent = class_agent(school_class, agent_id)
    duplicate = class_agent(school_class, request.form.get("duplicate", type=database_id) or 0)

    def change():
        if not request.form.get("sure"):
            raise ManageError("not_sure")
        class_management.merge_agents(db.session, agent, duplicate, current_user.id)

    return _done(change, _("%(other)s is merged into %(agent)s.", other=duplicate.agent_name, agent=agent.agent_name),
                 redirect(url_for("teacher.agent_detail", class_id=school_class.id, agent_id=agent.id)))

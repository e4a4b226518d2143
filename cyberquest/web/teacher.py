"""Teachers: their own classes, agents' login cards and card unlocks."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import Agent, SchoolClass, class_teachers
from ..services import badges, groups, policy, throttle
from ..services.seasons import current_season
from . import cards
from .access import Owned, authorize
from .commits import audited
from .content_access import content
from .forms import AddMembersForm, GroupForm, options

bp = Blueprint("teacher", __name__, url_prefix="/leerkracht")

# The class with its season (read by nearly every page) and whether the signed-in person teaches it, in one
# statement. Not its teachers: SQLite builds the nested outer join of a many-to-many over every class (3 ms on
# the benchmark region, not 0.03).
_VIEWER_IF_TEACHER = (select(class_teachers.c.staff_id)
                      .where(class_teachers.c.class_id == SchoolClass.id,
                             class_teachers.c.staff_id == bindparam("viewer_id"))
                      .scalar_subquery().label("taught_by_viewer"))
OWN_CLASS = Owned(SchoolClass, "class_id", "school_class", policy.may_manage_class,
                  load=(joinedload(SchoolClass.season),), along=(_VIEWER_IF_TEACHER,))


@bp.get("/")
@authorize("teacher")
def home():
    return render_template("teacher/home.html", classes=current_user.classes)


@bp.route("/klassen/nieuw", methods=["GET", "POST"])
@authorize("teacher")
def new_class():
    if current_user.school is None:
        flash(_("Your account is not linked to a school yet. Ask an administrator."), "error")
        return redirect(url_for("teacher.home"))
    form = GroupForm()
    form.place_id.label.text = _("School")
    form.place_id.choices = options([(current_user.school.id, current_user.school.name)])
    season = current_season(db.session, date.today())
    if season is None:
        flash(_("There is no season for this school year yet. Ask an administrator to add it."), "error")
        return redirect(url_for("teacher.home"))
    if form.validate_on_submit():
        school_class = groups.create_class(db.session, current_user, form.place_id.data, season, form.name.data)
        db.session.commit()
        flash(_("Class %(name)s is ready. Add agents to print their login cards.", name=school_class.name), "success")
        return redirect(url_for("teacher.class_detail", class_id=school_class.id))
    return render_template("teacher/new_class.html", form=form, season=season), 400 if form.errors else 200


@bp.get("/klassen/<int:class_id>")
@authorize("teacher", "admin", owns=OWN_CLASS)
def class_detail(school_class: SchoolClass):
    own_teacher = policy.teaches(current_user, school_class)  # only they see the private notes
    if own_teacher and any(agent.private_note for agent in school_class.agents):  # real names show
        audited("read_names", f"class:{school_class.id}")
    return render_template(
        "teacher/class_detail.html", school_class=school_class, add_form=AddMembersForm(),
        own_teacher=own_teacher,
        locked=throttle.locked_cards(db.session, school_class.class_code),
        class_badges=badges.class_summary(db.session, content(), school_class.id),
    )


@bp.post("/klassen/<int:class_id>/agenten")
@authorize("teacher", "admin", owns=OWN_CLASS)
def add_agents(school_class: SchoolClass):
    form = AddMembersForm()
    if not form.validate_on_submit():
        flash(_("Choose between 1 and 40 agents."), "error")
        return redirect(_class_page(school_class))
    new = groups.add_agents(db.session, school_class, form.count.data, current_app.config["PIN_HASH_PROFILE"])
    db.session.commit()
    return cards.show_new_cards(new, school_class.class_code, school_class.name, _class_page(school_class))


@bp.post("/klassen/<int:class_id>/agenten/<int:agent_id>/nieuwe-kaart")
@authorize("teacher", "admin", owns=OWN_CLASS)
def new_card(school_class: SchoolClass, agent_id: int):
    agent = class_agent(school_class, agent_id)
    return cards.replace_card(agent, school_class.class_code, school_class.name, _class_page(school_class))


@bp.post("/klassen/<int:class_id>/agenten/<int:agent_id>/nieuwe-naam")
@authorize("teacher", "admin", owns=OWN_CLASS)
def rename(school_class: SchoolClass, agent_id: int):
    agent = class_agent(school_class, agent_id)
    old_name = agent.agent_name
    new_name = groups.rename_agent(db.session, agent)
    db.session.commit()
    flash(_("%(old)s is now called %(new)s. Print a new card for this agent.", old=old_name, new=new_name), "success")
    return redirect(_class_page(school_class))


@bp.post("/klassen/<int:class_id>/inlogkaarten")
@authorize("teacher", "admin", owns=OWN_CLASS)
def print_cards(school_class: SchoolClass):
    if not school_class.agents:
        abort(404)
    return cards.print_all(school_class.agents, school_class.class_code, school_class.name, "auth.agent_sign_in")


@bp.post("/klassen/<int:class_id>/ontgrendelen")
@authorize("teacher", "admin", owns=OWN_CLASS)
def unlock(school_class: SchoolClass):
    return cards.unlock("class", school_class.class_code, _("Card sign-in for this class is unlocked."),
                        _class_page(school_class))


def class_agent(school_class: SchoolClass, agent_id: int) -> Agent:
    agent = db.session.get(Agent, agent_id)
    if agent is None or agent.class_id != school_class.id:
        abort(404)
    return agent


def _class_page(school_class: SchoolClass) -> str:
    return url_for("teacher.class_detail", class_id=school_class.id)

"""The signed-in person, read once per request together with what their pages need about them.

A child's or a senior's row comes with whether badges wait to be celebrated and whether this week is
recorded. On the step page, the page children open most, the agent also comes with their progress in the
page's mission: one statement instead of two, which on PostgreSQL saves a round trip and took the step
page from 1.5-1.9 to 1.25-1.3 ms in-process (bench/RESULTS.md).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import current_app, request
from flask_login import current_user
from sqlalchemy import bindparam, select

from ..extensions import db, login_manager
from ..models import Agent, Learner, StaffUser, utcnow
from ..services import badges, play
from .view_marks import this_view_is_marked

_PEOPLE = {"staff": StaffUser, "agent": Agent, "learner": Learner}
# Built once: every page of a child or a senior loads them, and building the query cost more than running it.
_WITH_BADGES_AND_WEEK = {model: select(model, badges.has_unseen(model),
                                       badges.active_in_week(model, bindparam("monday")))
                         .where(model.id == bindparam("person_id")) for model in (Agent, Learner)}
_WITH_MISSION_PROGRESS = play.with_progress_and_hints(_WITH_BADGES_AND_WEEK[Agent], Agent.id)


def current_season_id() -> int | None:
    return current_app.extensions["cyberquest.season_ids"].current(db.session, date.today())


def reads_mission_progress(view: Callable) -> Callable:
    """Mark an agent's view whose URL names a mission (``mission_id``) and that needs the agent's progress in it
    (``mission_progress``): the signed-in agent is read with it."""
    view.reads_mission_progress = True  # type: ignore[attr-defined]
    return view


def _mission_of_this_page() -> str | None:
    return request.view_args.get("mission_id") if this_view_is_marked("reads_mission_progress") else None


@login_manager.user_loader
def load_person(session_id: str):
    """Session ids look like ``agent:12:3``: kind, row id and login epoch."""
    try:
        kind, row_id, epoch = session_id.split(":")
        model = _PEOPLE[kind]
        person_id = int(row_id)
    except (KeyError, ValueError):
        return None
    if model is StaffUser:
        person = db.session.get(model, person_id)
    else:
        person = _card_holder(model, person_id)
    if person is None or str(person.login_epoch) != epoch:
        return None
    if isinstance(person, StaffUser) and not person.is_approved:
        return None
    return person


def _card_holder(model: type[Agent] | type[Learner], person_id: int) -> Agent | Learner | None:
    monday = badges.monday_of(utcnow().date())
    values = {"person_id": person_id, "monday": monday}
    mission_id = _mission_of_this_page() if model is Agent else None
    season_id = current_season_id() if mission_id is not None else None
    if season_id is None:
        rows = db.session.execute(_WITH_BADGES_AND_WEEK[model], values).all()
    else:
        rows = db.session.execute(_WITH_MISSION_PROGRESS,
                                  {**values, "season_id": season_id, "mission_id": mission_id}).all()
    if not rows:
        return None
    person, has_new_badges, active_this_week = rows[0][:3]
    person.has_new_badges = has_new_badges
    person.known_active_week = monday if active_this_week else None
    if season_id is not None:
        person.known_progress = (season_id, mission_id, play.progress_in(rows))
    return person


def mission_progress(season_id: int, mission_id: str) -> tuple[play.Progress | None, frozenset[str]]:
    """The signed-in agent's progress in the mission and the steps whose hint they took: as read along with
    the agent when the page is marked ``reads_mission_progress``, otherwise read now."""
    known = current_user.known_progress
    if known is not None and known[:2] == (season_id, mission_id):
        return known[2]
    return play.find_progress(db.session, current_user.id, season_id, mission_id)

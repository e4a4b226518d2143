"""Children (agents): the mission map, the step player and the closing screen."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..content import Mission
from ..extensions import db
from ..services import achievements, badges, bridge, class_quests, made_missions, play
from ..services import class_board as class_board_service
from .access import authorize
from .busy import retry_when_busy
from .celebrations import commit_answer
from .content_access import content, step_kinds
from .step_bodies import step_body
from . import passphrase
from .answers import BadAnswer, parse, shuffled_positions
from .read_only import reads_only
from .signed_in import current_season_id, mission_progress, reads_mission_progress

bp = Blueprint("agent", __name__, url_prefix="/agent")


def _mission(mission_id: str) -> Mission:
    """A mission a child plays alone (class quests are played together, on the teacher's screen), or a mission
    made by a child that this agent may play."""
    mission = content().missions.get(mission_id) or made_missions.playable(db.session, step_kinds(), current_user,
                                                                           mission_id)
    if mission is None or mission.class_quest:
        abort(404)
    return mission


def _playable(mission_id: str) -> tuple[Mission, int]:
    """The mission to play and the current season (409 while no season is running)."""
    season_id = current_season_id()
    if season_id is None:
        abort(409)
    return _mission(mission_id), season_id


def _display_order(mission: Mission, step_key: str, count: int) -> list[int]:
    salt = f"order:{current_user.id}:{mission.id}:{step_key}"
    return shuffled_positions(current_app.config["SECRET_KEY"], salt, count)


def _standing(season_id: int):
    return play.standing(content().ranks, play.total_xp(db.session, current_user.id, season_id))


AVATARS = {
    "vos": _l("Fox"), "uil": _l("Owl"), "panda": _l("Panda"), "robot": _l("Robot"),
    "kat": _l("Cat"), "hond": _l("Dog"), "draak": _l("Dragon"), "astronaut": _l("Astronaut"),
}


@bp.route("/avatar", methods=["GET", "POST"])
@authorize("agent")
def avatar():
    """Drawn avatars only (no photos); chosen at the first visit, changeable later."""
    if request.method == "POST":
        choice = request.form.get("avatar")
        if choice in AVATARS:
            current_user.avatar = choice
            db.session.commit()
            return redirect(url_for("agent.home"))
        return render_template("agent/avatar.html", avatars=AVATARS, missing=True), 400
    return render_template("agent/avatar.html", avatars=AVATARS, missing=False)


@bp.get("/")
@reads_only
@authorize("agent")
def home():
    if current_user.avatar is None:
        return redirect(url_for("agent.avatar"))
    season_id = current_season_id()
    if season_id is None:
        return render_template("agent/no_season.html")
    pack = content()
    states = play.progress_by_mission(db.session, current_user.id, season_id)
    tracks = []
    for track in sorted(pack.tracks.values(), key=lambda t: t.order):
        missions = sorted((m for m in pack.missions.values() if m.track == track.id and not m.class_quest),
                          key=lambda m: m.order)
        if missions:
            done = [m for m in missions if states.get(m.id) and states[m.id].finished_at]
            tracks.append({"track": track, "missions": missions, "done": len(done)})
    assigned = [pack.missions[m] for m in current_user.school_class.assigned_missions or [] if m in pack.missions]
    next_mission = next((m for m in [*assigned, *(m for t in tracks for m in t["missions"])]
                         if not (states.get(m.id) and states[m.id].finished_at)), None)
    earned = badges.awarded(db.session, current_user)
    return render_template("agent/home.html", agent=current_user, tracks=tracks, states=states, assigned=assigned,
                           made=made_missions.visible_to(db.session, current_user),
                           next_mission=next_mission, standing=_standing(season_id),
                           badge_strip=badges.badge_strip(pack, current_user, earned),
                           track_badges=badges.track_badges(pack), earned=earned)


@bp.get("/missie/<mission_id>")
@reads_only
@reads_mission_progress
@authorize("agent")
def mission(mission_id: str):
    mission = _mission(mission_id)
    season_id = current_season_id()
    if season_id is None:
        return render_template("agent/no_season.html")
    state, hinted = mission_progress(season_id, mission.id)
    if state is None:
        return render_template("agent/mission_intro.html", mission=mission)
    step = play.current_step(mission, state)
    if step is None:
        earned, total = play.mission_and_total_xp(db.session, current_user.id, season_id, mission)
        return render_template("agent/mission_done.html", mission=mission, earned=earned,
                               standing=play.standing(content().ranks, total))
    return _render_step(mission, state.position, step, hinted)


def _render_step(mission: Mission, position: int, step, hinted: frozenset[str], wrong: bool = False,
                 status: int = 200):
    order = _display_order(mission, step.key, len(step.data["items"])) if step.kind == "order" else None
    body = step_body(mission, step, position, order, step.key in hinted, wrong)
    return render_template("agent/step.html", mission=mission, step=step, step_body=body), status


@bp.post("/missie/<mission_id>/start")
@retry_when_busy
@authorize("agent")
def start(mission_id: str):
    mission, season_id = _playable(mission_id)
    play.progress(db.session, current_user.id, season_id, mission.id)
    db.session.commit()
    return redirect(url_for("agent.mission", mission_id=mission.id))


@bp.post("/missie/<mission_id>/stap/<step_key>")
@retry_when_busy
@authorize("agent")
def submit(mission_id: str, step_key: str):
    mission, season_id = _playable(mission_id)
    step = next((s for s in mission.steps if s.key == step_key), None)
    if step is None:
        abort(404)
    kinds = step_kinds()
    try:
        if step.kind == "offline" and step.data["confirm"] == "senior":
            return _enter_helper_code(mission, step, season_id)
        if not kinds[step.kind].scored:
            _outcome, celebration = achievements.go_on_in_mission(db.session, content(), kinds, current_user,
                                                                   season_id, mission, step.key)
            db.session.commit()
            _flash_rank(celebration)
            return redirect(url_for("agent.mission", mission_id=mission.id))
        order = _display_order(mission, step.key, len(step.data["items"])) if step.kind == "order" else None
        given = parse(step, request.form, order)
        outcome, celebration = achievements.answer_mission_step(db.session, content(), kinds, current_user,
                                                                season_id, mission, step.key, given)
    except play.PlayError:
        db.session.rollback()
        return redirect(url_for("agent.mission", mission_id=mission.id))
    except play.TooFast:
        db.session.rollback()
        abort(429)
    except BadAnswer:
        db.session.rollback()
        state, hinted = play.find_progress(db.session, current_user.id, season_id, mission.id)
        return _render_step(mission, state.position if state else 0, step, hinted, wrong=False, status=400)
    if not outcome.correct:
        state, hinted = play.find_progress(db.session, current_user.id, season_id, mission.id)
        commit_answer(celebration.badges)
        return _render_step(mission, state.position, step, hinted, wrong=True)
    commit_answer(celebration.badges)
    return render_template("agent/feedback.html", mission=mission, step=step, outcome=outcome,
                           new_rank=celebration.rank)


def _flash_rank(celebration: achievements.Celebration) -> None:
    if celebration.rank is not None:
        flash(_("Promoted! You are now %(rank)s.", rank=celebration.rank.title.get(str(get_locale()))), "success")


@bp.post("/missie/<mission_id>/stap/<step_key>/meter")
@authorize("agent")
def passphrase_meter(mission_id: str, step_key: str):
    return passphrase.judge(_mission(mission_id).steps, step_key)


HELPER_CODE_ERRORS = {
    "invalid": _l("That code does not work. Check the letters, or ask the senior to look again."),
    "full": _l("This code has already been used by three children. Ask the senior for a new code."),
    "already": _l("A code was already sent for this mission."),
}


def _enter_helper_code(mission: Mission, step, season_id: int):
    """A senior's helper code for an offline mission; the mission waits for the senior's "yes"."""
    outcome = bridge.enter_code(db.session, current_user.id, season_id, mission, request.form.get("helper_code", ""))
    if outcome.error is None:
        achievements.go_on_in_mission(db.session, content(), step_kinds(), current_user, season_id, mission, step.key)
        flash(_("The code works! The senior now confirms that you helped."), "success")
    elif outcome.error == "locked":
        flash(_("Too many wrong codes. Wait %(minutes)s minutes.", minutes=max(1, outcome.wait_seconds // 60)), "error")
    else:
        flash(str(HELPER_CODE_ERRORS[outcome.error]), "error")
    db.session.commit()
    return redirect(url_for("agent.mission", mission_id=mission.id))


@bp.post("/missie/<mission_id>/stap/<step_key>/hint")
@retry_when_busy
@authorize("agent")
def hint(mission_id: str, step_key: str):
    mission, season_id = _playable(mission_id)
    try:
        play.take_hint(db.session, current_user.id, season_id, mission, step_key)
    except play.PlayError:
        db.session.rollback()
    else:
        db.session.commit()
    return redirect(url_for("agent.mission", mission_id=mission.id, _anchor="step"))


@bp.get("/badges")
@authorize("agent")
def trophies():
    """The trophy room: earned badges first, the others greyed with how to earn them."""
    return render_template("agent/trophies.html", trophies=badges.trophy_room(db.session, content(), current_user))


@bp.post("/klassenquest")
@retry_when_busy
@authorize("agent")
def redeem_quest():
    """The code the class got after playing a quest together: the quest's XP and badges, once."""
    season_id = current_season_id()
    if season_id is None:
        abort(409)
    outcome = class_quests.redeem(db.session, content(), current_user, season_id, request.form.get("quest_code", ""),
                                  date.today())
    db.session.commit()
    if outcome.error is None:
        flash(_("Class quest done: %(title)s! +%(xp)s XP", title=outcome.mission.title.get(str(get_locale())),
                xp=outcome.xp), "success")
        _flash_rank(outcome.celebration)
    elif outcome.error == "already":
        flash(_("You already have the points for this class quest."), "info")
    elif outcome.error == "locked":
        flash(_("Too many wrong codes. Wait %(minutes)s minutes.", minutes=max(1, outcome.wait_seconds // 60)), "error")
    else:
        flash(_("That code does not work. Check the letters on the board."), "error")
    return redirect(url_for("agent.home"))


@bp.get("/klassenbord")
@authorize("agent")
def class_board():
    """The board of the agent's own class (unless the teacher hid it) and the class's honour roll."""
    school_class = current_user.school_class
    season = school_class.season
    rows = [] if school_class.board_hidden else class_board_service.board(db.session, school_class, season)
    return render_template("agent/class_board.html", school_class=school_class, rows=rows,
                           honour_roll=class_board_service.honour_roll(db.session, content(), school_class))

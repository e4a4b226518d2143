"""Sign-in for every audience, second factor, sign-out and staff sign-up."""
from __future__ import annotations

from flask import (Blueprint, current_app, flash, redirect, render_template, request, session,
                   url_for)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from ..extensions import db
from ..models import Library, Municipality, School, StaffUser
from ..services import accounts, second_factor
from ..services.qr import svg_for
from .access import public
from .busy import retry_when_busy
from .forms import (CardSignInForm, QrSignInForm, SecondFactorForm, SignUpForm, options,
                    StaffSignInForm)
from .main import HOME_BY_ROLE

bp = Blueprint("auth", __name__)

CARD_PAGES = {
    "agent": {"template": "auth/card_agent.html", "endpoint": "auth.agent_sign_in"},
    "learner": {"template": "auth/card_learner.html", "endpoint": "auth.learner_sign_in"},
}

ACCOUNT_ERRORS = {
    "email_taken": _l("There is already an account with this e-mail address."),
    "too_short": _l("The password is too short: use at least 10 characters."),
    "too_guessable": _l("This password is too easy to guess. Try a sentence of four or five words."),
    "place_required": _l("Choose your school, library or municipality."),
    "bad_role": _l("Choose what kind of account you need."),
}


def _profile() -> str:
    return current_app.config["PASSWORD_HASH_PROFILE"]


def _pin_profile() -> str:
    return current_app.config["PIN_HASH_PROFILE"]


def _client_ip() -> str:
    return request.remote_addr or "unknown"


def _wait_message(seconds: int, card: bool) -> str:
    minutes = max(1, (seconds + 59) // 60)
    if card:
        return ngettext("Too many wrong tries. Wait %(num)d minute, or ask your teacher or course guide "
                        "to unlock your card.",
                        "Too many wrong tries. Wait %(num)d minutes, or ask your teacher or course guide "
                        "to unlock your card.", minutes)
    return ngettext("Too many wrong tries. Wait %(num)d minute and try again.",
                    "Too many wrong tries. Wait %(num)d minutes and try again.", minutes)


def _reset_session() -> None:
    """Empty the session but keep this device's display choices."""
    kept = {key: session[key] for key in ("locale", "text_size", "high_contrast") if key in session}
    session.clear()
    session.update(kept)


def _start_session(person) -> None:
    _reset_session()
    login_user(person)


def _go_home():
    return redirect(url_for(HOME_BY_ROLE[current_user.role]))


@bp.get("/inloggen")
@public
def sign_in():
    return render_template("auth/choose.html")


def _card_sign_in(kind: str):
    form = CardSignInForm()
    status = 200
    if form.validate_on_submit():
        outcome = accounts.sign_in_card(
            db.session, kind, form.code.data, form.name.data, form.pin.data, _client_ip(), _pin_profile()
        )
        db.session.commit()
        if outcome.person is not None:
            _start_session(outcome.person)
            return _go_home()
        status = {"locked": 429, "closed": 403}.get(outcome.error or "", 401)
        if outcome.error == "locked":
            flash(_wait_message(outcome.wait_seconds, card=True), "error")
        elif outcome.error == "closed":
            flash(_("Your class is closed at the moment. Ask your teacher."), "error")
        else:
            flash(_("That did not match. Check the code, the name and the PIN on your card."), "error")
    elif form.errors:
        status = 400
    return render_template(CARD_PAGES[kind]["template"], form=form), status


@bp.route("/inloggen/agent", methods=["GET", "POST"])
@retry_when_busy
@public
def agent_sign_in():
    return _card_sign_in("agent")


@bp.route("/inloggen/cursist", methods=["GET", "POST"])
@retry_when_busy
@public
def learner_sign_in():
    return _card_sign_in("learner")


@bp.route("/inloggen/kaart", methods=["GET", "POST"])
@retry_when_busy
@public
def card_token_sign_in():
    """The QR code holds /inloggen/kaart#TOKEN: the token stays out of server logs."""
    form = QrSignInForm()
    if form.validate_on_submit():
        person = accounts.sign_in_card_token(db.session, form.token.data)
        db.session.commit()
        if person is not None:
            _start_session(person)
            return _go_home()
        flash(_("This card no longer works. Ask your teacher or course guide for a new card."), "error")
        return render_template("auth/card_qr.html", form=form), 401
    return render_template("auth/card_qr.html", form=form), 400 if form.errors else 200


@bp.route("/inloggen/medewerker", methods=["GET", "POST"])
@retry_when_busy
@public
def staff_sign_in():
    form = StaffSignInForm()
    status = 200
    if form.validate_on_submit():
        outcome = accounts.sign_in_staff(
            db.session, form.email.data, form.password.data, _client_ip(), _profile()
        )
        db.session.commit()
        user = outcome.person
        if isinstance(user, StaffUser):
            if user.needs_second_factor:
                _reset_session()
                session["pending_staff"] = user.get_id()
                return redirect(url_for("auth.second_factor_step"))
            _start_session(user)
            return _go_home()
        status = {"locked": 429, "unapproved": 403}.get(outcome.error or "", 401)
        if outcome.error == "locked":
            flash(_wait_message(outcome.wait_seconds, card=False), "error")
        elif outcome.error == "unapproved":
            flash(_("Your account is waiting for approval by an administrator or your municipality."), "error")
        else:
            flash(_("E-mail address or password is not right."), "error")
    elif form.errors:
        status = 400
    return render_template("auth/staff.html", form=form), status


@bp.route("/inloggen/tweede-stap", methods=["GET", "POST"])
@public
def second_factor_step():
    """TOTP: set it up at the first sign-in, then ask for a code every time."""
    pending = session.get("pending_staff", "")
    kind, _sep, rest = pending.partition(":")
    user = db.session.get(StaffUser, int(rest.split(":")[0])) if kind == "staff" and rest else None
    if user is None or user.get_id() != pending:
        flash(_("Please sign in first."), "info")
        return redirect(url_for("auth.staff_sign_in"))
    enrolling = user.totp_confirmed_at is None
    if enrolling and not user.totp_secret:
        second_factor.start_enrolment(db.session, user)
        db.session.commit()
    form = SecondFactorForm()
    status = 200
    if form.validate_on_submit():
        outcome = accounts.complete_second_factor(db.session, user, form.code.data)
        db.session.commit()
        if outcome.person is not None:
            _start_session(user)
            return _go_home()
        if outcome.error == "locked":
            flash(_wait_message(outcome.wait_seconds, card=False), "error")
            status = 429
        else:
            flash(_("That code is not right. Use the newest code from your app."), "error")
            status = 401
    elif form.errors:
        status = 400
    setup = None
    if enrolling:
        setup = {"secret": user.totp_secret, "qr_svg": svg_for(second_factor.provisioning_uri(user))}
    return render_template("auth/second_factor.html", form=form, setup=setup), status


@bp.post("/uitloggen")
@retry_when_busy
@public
def sign_out():
    was_agent = current_user.is_authenticated and current_user.role == "agent"
    if current_user.is_authenticated:
        accounts.end_sessions(current_user)
        db.session.commit()
    logout_user()
    _reset_session()
    flash(_("You are signed out."), "success")
    # "Switch agent" on a shared tablet goes straight back to the card sign-in.
    return redirect(url_for("auth.agent_sign_in" if was_agent else "main.index"))


@bp.route("/aanmelden", methods=["GET", "POST"])
@public
def sign_up():
    form = SignUpForm()
    form.school_id.choices = options([(0, "—")] + [
        (s.id, f"{s.name} ({s.municipality.name})")
        for s in db.session.scalars(select(School).join(Municipality).order_by(Municipality.name, School.name))
    ])
    form.library_id.choices = options([(0, "—")] + [
        (lib.id, f"{lib.name} ({lib.municipality.name})")
        for lib in db.session.scalars(select(Library).join(Municipality).order_by(Municipality.name, Library.name))
    ])
    form.municipality_id.choices = options([(0, "—")] + [
        (m.id, m.name) for m in db.session.scalars(select(Municipality).order_by(Municipality.name))
    ])
    status = 200
    if form.validate_on_submit():
        try:
            accounts.register_staff(
                db.session, email=form.email.data, name=form.name.data, password=form.password.data,
                role=form.role.data, school_id=form.school_id.data or None,
                library_id=form.library_id.data or None,
                municipality_id=form.municipality_id.data or None, profile=_profile(),
            )
        except accounts.AccountError as error:
            db.session.rollback()
            flash(str(ACCOUNT_ERRORS.get(error.code, error.code)), "error")
            status = 400
        else:
            db.session.commit()
            return render_template("auth/sign_up_done.html")
    elif form.errors:
        status = 400
    return render_template("auth/sign_up.html", form=form), status

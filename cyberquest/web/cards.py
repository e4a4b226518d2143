"""Printable things shared by teachers and trainers: login cards and certificates."""
from __future__ import annotations

from datetime import datetime

from flask import Response, current_app, flash, redirect, render_template, url_for
from flask_babel import format_date, get_locale
from flask_babel import gettext as _

from ..content import Course
from ..extensions import db
from ..models import Agent, Learner
from ..services import groups, throttle
from ..services.cards_pdf import login_cards_pdf
from ..services.certificates import Certificate, certificates_pdf
from ..services.groups import NewCard


def show_new_cards(cards: list[NewCard], code: str, group_name: str, back: str):
    """The printable page with new cards; their PINs are shown this once only."""
    return render_template("cards/new_cards.html", cards=cards, code=code, group_name=group_name, back=back)


def replace_card(person: Agent | Learner, code: str, group_name: str, back: str):
    card = groups.replace_card(db.session, person, current_app.config["PIN_HASH_PROFILE"])
    db.session.commit()
    return show_new_cards([card], code, group_name, back)


def unlock(scope: str, code: str, message: str, back: str):
    throttle.unlock_code(db.session, scope, code)
    db.session.commit()
    flash(message, "success")
    return redirect(back)


def print_all(members: list[Agent] | list[Learner], code: str, group_name: str, sign_in_endpoint: str,
              footer: str = ""):
    """A PDF with new cards for everyone in the class or group."""
    cards = groups.reissue_all_cards(db.session, members, current_app.config["PIN_HASH_PROFILE"])
    db.session.commit()
    labels = {
        "title": _("CyberQuest Limburg login card"), "code": _("Code"), "pin": _("PIN"),
        "name": _("Agent name") if sign_in_endpoint == "auth.agent_sign_in" else _("First name"),
        "how": _("No QR code scanner? Go to"), "scan": _("Scan to sign in"),
    }
    pdf = login_cards_pdf(
        cards, code=code, group_name=group_name, labels=labels,
        sign_in_url=url_for(sign_in_endpoint, _external=True),
        token_url=url_for("auth.card_token_sign_in", _external=True), footer=footer,
    )
    filename = f"inlogkaarten-{code}.pdf"
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


def certificates_response(entries: list[tuple[str, Course, str, datetime]], filename: str):
    """A PDF with one certificate per (name, course, library, finished) entry."""
    labels = {"title": _("Certificate"), "intro": _("This is to certify that"),
              "course": _("has completed the course"), "at": _("At")}
    pdf = certificates_pdf(
        [Certificate(name, course.title.get(get_locale().language), library, format_date(moment, "long"))
         for name, course, library, moment in entries], labels)
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})

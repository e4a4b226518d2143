"""Login-card pages shared by teachers (agents) and trainers (learners)."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template

from ..extensions import db
from ..models import Agent, Learner
from ..services import groups, throttle
from ..services.groups import NewCard


def show_new_cards(cards: list[NewCard], code: str, group_name: str, back: str):
    """The printable page with new cards; their PINs are shown this once only."""
    return render_template("cards/new_cards.html", cards=cards, code=code, group_name=group_name, back=back)


def replace_card(person: Agent | Learner, code: str, group_name: str, back: str):
    card = groups.replace_card(db.session, person, current_app.config["PASSWORD_HASH_PROFILE"])
    db.session.commit()
    return show_new_cards([card], code, group_name, back)


def unlock(scope: str, code: str, message: str, back: str):
    throttle.unlock_code(db.session, scope, code)
    db.session.commit()
    flash(message, "success")
    return redirect(back)

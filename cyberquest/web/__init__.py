"""Blueprints per audience, plus what every request shares (sign-in, errors, display)."""
from __future__ import annotations

import time

from flask import Flask, flash, redirect, session, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from ..extensions import login_manager
from . import (admin, admin_ceremonies, admin_made, agent, agent_maker, api, approvals, auth, boards, celebrations,
               converters, errors, form_tokens, input_guard, learner, main, municipality, municipality_made,
               open_badges, page_chrome, read_only, security_headers, session_cookie, signed_in, step_bodies, teacher,
               teacher_made, teacher_manage, teacher_privacy, teacher_progress, teacher_quests, template_translations,
               trainer, trainer_progress)
from ..services.qr import svg_for
from .display import current_display
from .matrix_cells import cell_state_labels, matrix_cells
from .url_patterns import url_pattern

ROLE_NAMES = {
    "teacher": _l("Teacher"), "trainer": _l("Course guide"), "coordinator": _l("Municipality coordinator"),
    "admin": _l("Administrator"), "agent": _l("Agent"), "learner": _l("Course participant"),
}
# Imported for their routes, which they add to the blueprints of their audience.
_VIEWS_ON_SHARED_BLUEPRINTS = (admin_ceremonies, admin_made, agent_maker, municipality_made, teacher_made,
                               teacher_manage, teacher_progress, teacher_privacy, teacher_quests, trainer_progress)


def register_web(app: Flask) -> None:
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = _l("Please sign in first.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    converters.install(app)
    session_cookie.install(app)
    form_tokens.install(app)
    read_only.install(app)
    for module in (main, auth, agent, learner, teacher, trainer, municipality, approvals, admin, open_badges,
                   boards, api):
        app.register_blueprint(module.bp)
    errors.register(app)
    input_guard.register(app)
    security_headers.register(app)
    template_translations.install(app)
    page_chrome.install(app)
    step_bodies.install(app)

    idle_seconds = 60 * app.config["AGENT_IDLE_MINUTES"]

    @app.before_request
    def sign_out_idle_agents():
        if not current_user.is_authenticated or current_user.role != "agent":
            return None
        now = int(time.time())
        last_seen = session.get("seen", now)
        if now - last_seen >= 60 or "seen" not in session:  # to the minute: not a new signed cookie per request
            session["seen"] = now
        if now - last_seen > idle_seconds:
            logout_user()
            session.pop("seen", None)
            flash(_l("You were signed out after a while without activity. Sign in again with your card."), "info")
            return redirect(url_for("auth.agent_sign_in"))
        return None

    @app.context_processor
    def inject_display():
        return {"display": current_display(), "role_names": ROLE_NAMES, "new_badges": celebrations.new_badges}

    app.add_template_filter(svg_for, "qr_svg")
    app.add_template_global(cell_state_labels)
    app.add_template_global(matrix_cells)
    app.add_template_global(get_locale)
    app.add_template_global(url_pattern)

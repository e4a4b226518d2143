"""Language and display settings: on the person's row when signed in, else in the session."""
from __future__ import annotations

from flask import current_app, session
from flask_login import current_user

from ..models import TEXT_SIZES


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    chosen = session.get("locale")
    return chosen if chosen in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def current_display() -> dict[str, object]:
    if current_user.is_authenticated:
        return {"text_size": current_user.text_size, "high_contrast": current_user.high_contrast}
    size = session.get("text_size")
    return {
        "text_size": size if size in TEXT_SIZES else "normal",
        "high_contrast": bool(session.get("high_contrast")),
    }


def save_display(*, locale: str | None = None, text_size: str | None = None,
                 high_contrast: bool | None = None) -> None:
    """Persist whichever settings are given, for the person or the anonymous session."""
    changes = {"locale": locale, "text_size": text_size, "high_contrast": high_contrast}
    changes = {key: value for key, value in changes.items() if value is not None}
    # Kept in the session too, so the choice survives signing out on this device.
    session.update(changes)
    if current_user.is_authenticated:
        for key, value in changes.items():
            setattr(current_user, key, value)

"""Friendly error pages; never a traceback and never personal data (DESIGN §7)."""
from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from ..extensions import db
from .busy import is_busy

MESSAGES = {
    400: (_l("Something in the request was not right"),
          _l("Please go back and try again. Your saved progress is safe.")),
    403: (_l("This page is not for you"),
          _l("You are signed in, but this page belongs to someone else. Go back to your own start page.")),
    404: (_l("Page not found"), _l("This page does not exist (any more). Check the address or go to the start page.")),
    405: (_l("That does not work here"), _l("This page cannot be used this way. Go back to the start page.")),
    413: (_l("That is too much at once"), _l("What you sent is too large. Try something smaller.")),
    429: (_l("Too many attempts"), _l("Please wait a moment and try again.")),
    500: (_l("Something went wrong on our side"),
          _l("This is not your fault. Your saved progress is safe. Please try again in a moment.")),
    503: (_l("It is very busy right now"),
          _l("What you just sent was not saved yet. Wait a few seconds and send it again; your earlier progress is "
             "safe.")),
}


def error_page(status: int, detail=None):
    title, text = MESSAGES.get(status, MESSAGES[500 if status >= 500 else 400])
    body = render_template("errors/error.html", status=status, title=title, text=detail or text)
    return body, status


def refusal(status: int, detail=None):
    """A refused request: the JSON body for the public API, the friendly page for everyone else."""
    if request.path.startswith("/api/"):
        return {"error": HTTP_STATUS_CODES[status], "status": status}, status
    return error_page(status, detail)


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return error_page(400, _l("This form has expired or was not sent from this site. Reload the page and try again."))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return refusal(error.code or 500)

    @app.errorhandler(OperationalError)
    def database_error(error: OperationalError):
        """A busy database that outlasted the retries (see busy.py) is a calm 503; anything else a 500."""
        db.session.rollback()
        if is_busy(error):
            return error_page(503)
        return unexpected_error(error)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        db.session.rollback()
        app.logger.error("Unhandled %s on %s %s", type(error).__name__, request.method, request.path)
        return error_page(500)

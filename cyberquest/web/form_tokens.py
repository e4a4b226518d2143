"""Flask-WTF's signed form token, signed once per session and key instead of on every page.

Flask-WTF signs the session's form token anew on each request that shows a form: a serializer, a derived
key and an HMAC, about a twentieth of a child's step page. Form tokens have no time limit here
(``WTF_CSRF_TIME_LIMIT`` is None: no timers that pressure), so one signed earlier for the same session with
the same key is just as valid. It is handed to Flask-WTF in ``g``, where Flask-WTF keeps the token it signed
during a request, so every form and kept page part of the request shows it.
"""
from __future__ import annotations

from flask import Flask, g, session

from .kept_per_key import KeptPerKey

FIELD = "csrf_token"  # Flask-WTF's name for the token, in the session (raw) and in g (signed)


def install(app: Flask) -> None:
    if app.config["WTF_CSRF_TIME_LIMIT"] is not None:
        return  # tokens that expire must be signed with the time they are shown
    tokens: KeptPerKey[str] = KeptPerKey()  # signed tokens by raw token

    def signing_key() -> object:
        return app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key

    @app.before_request
    def reuse_signed_form_token():
        raw = session.get(FIELD)
        signed = tokens.find(signing_key(), raw) if raw else None
        if signed is not None:
            setattr(g, FIELD, signed)

    @app.after_request
    def keep_signed_form_token(response):
        signed, raw = g.get(FIELD), session.get(FIELD)
        if signed and raw:
            tokens.keep(signing_key(), raw, signed)
        return response

"""Sessions: signing in starts a new one (nothing planted before survives), and signing out ends the
person's sessions everywhere, so a cookie copied while signed in is dead afterwards."""
from __future__ import annotations

import time

import pytest
from flask import request
from itsdangerous import URLSafeTimedSerializer

from .factories import PIN

HOMES = {"teacher": "/leerkracht/", "agent": "/agent/"}


def _sign_in(auth, world, role):
    if role == "teacher":
        return auth.staff("teacher@school.example.nl")
    return auth.agent(world.class_code, "Snelle Vos", PIN)


@pytest.mark.parametrize("role", sorted(HOMES))
def test_a_cookie_copied_before_signing_out_is_dead_after(app, client, auth, world, role):
    _sign_in(auth, world, role)
    assert client.get(HOMES[role]).status_code == 200
    copied = client.get_cookie("session").value
    auth.sign_out()
    thief = app.test_client()
    thief.set_cookie("session", copied)
    response = thief.get(HOMES[role])
    assert response.status_code == 302 and response.headers["Location"].startswith("/inloggen")


@pytest.mark.parametrize("role", sorted(HOMES))
def test_signing_in_starts_a_new_session(client, auth, world, role):
    with client.session_transaction() as planted:
        planted["_user_id"] = "staff:999:0"  # a session prepared by someone else
        planted["planted"] = "by someone else"
        planted["text_size"] = "large"  # a display choice of this device
    before = client.get_cookie("session").value
    _sign_in(auth, world, role)
    with client.session_transaction() as session:
        assert "planted" not in session and session["_user_id"] != "staff:999:0"
        assert session["text_size"] == "large"
    assert client.get_cookie("session").value != before


def test_a_new_secret_key_ends_old_sessions_unless_the_old_key_is_kept_as_a_fallback(app, client, auth, world):
    """Rotating the key: the serializer is kept between requests, but never past a change of the keys."""
    _sign_in(auth, world, "agent")
    assert client.get(HOMES["agent"]).status_code == 200
    old_key = app.secret_key
    app.secret_key = app.config["SECRET_KEY"] = "een nieuwe sleutel van minstens tweeëndertig tekens lang"
    app.config["SECRET_KEY_FALLBACKS"] = [old_key]
    assert client.get(HOMES["agent"]).status_code == 200
    app.config["SECRET_KEY_FALLBACKS"] = []
    response = client.get(HOMES["agent"])
    assert response.status_code == 302 and response.headers["Location"].startswith("/inloggen")


def test_a_cookie_verified_before_still_expires_with_the_session_lifetime(app, client, auth, world, monkeypatch):
    """Each worker keeps the cookies it verified (web/session_cookie.py); their age is checked on every request."""
    _sign_in(auth, world, "teacher")
    assert client.get(HOMES["teacher"]).status_code == 200
    assert client.get(HOMES["teacher"]).status_code == 200  # now served from what the worker kept
    later = time.time() + app.permanent_session_lifetime.total_seconds() + 5
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get(HOMES["teacher"])
    assert response.status_code == 302 and response.headers["Location"].startswith("/inloggen")


def test_a_cookie_is_verified_once_and_its_lists_are_not_shared_between_requests(app, monkeypatch):
    verified = []
    loads = URLSafeTimedSerializer.loads
    monkeypatch.setattr(URLSafeTimedSerializer, "loads",
                        lambda self, *args, **kwargs: verified.append(1) or loads(self, *args, **kwargs))
    interface = app.session_interface
    with app.test_request_context():
        cookie = interface.get_signing_serializer(app).dumps({"_flashes": [["info", "één"]], "locale": "nl"})
    with app.test_request_context(headers={"Cookie": f"{app.config['SESSION_COOKIE_NAME']}={cookie}"}):
        first = interface.open_session(app, request)
        first["_flashes"].append(["info", "twee"])  # what flash() does to the session's list
        second = interface.open_session(app, request)
    assert second == {"_flashes": [["info", "één"]], "locale": "nl"}
    assert len(verified) == 1

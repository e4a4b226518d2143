"""Form tokens (web/form_tokens.py): Flask-WTF's signed token is signed once per session and key and reused,
and what is reused is still checked like a fresh token."""
from __future__ import annotations

from itertools import count

import pytest
from itsdangerous import TimestampSigner

from .conftest import csrf_from
from .factories import PIN

MISSION = "/agent/missie/alle-soorten"


@pytest.fixture
def ticking(monkeypatch):
    """Every signature a later second, so a token signed again would differ from the one before."""
    seconds = count(1_800_000_000, 7)
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda _signer: next(seconds))


def _token(client) -> str:
    return csrf_from(client.get(MISSION).get_data(as_text=True))


def test_the_pages_of_a_session_show_one_signed_token_and_it_is_accepted(client, auth, world, ticking):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    first = _token(client)
    assert _token(client) == _token(client) == first
    assert client.post(f"{MISSION}/start", data={"csrf_token": first}).status_code == 302


def test_another_session_has_its_own_token_and_cannot_use_this_one(app, client, auth, world, ticking):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    mine = _token(client)
    other = app.test_client()
    other.get("/")
    theirs = csrf_from(other.get("/inloggen/agent").get_data(as_text=True))
    assert theirs != mine
    refused = other.post("/inloggen/agent", data={"csrf_token": mine, "code": world.class_code,
                                                  "name": "Snelle Vos", "pin": PIN})
    assert refused.status_code == 400


def test_a_new_signing_key_signs_the_token_afresh(app, client, auth, world, ticking):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    before = _token(client)
    app.config["WTF_CSRF_SECRET_KEY"] = "een andere sleutel voor de formuliertokens, lang genoeg"
    after = _token(client)
    assert after != before
    assert client.post(f"{MISSION}/start", data={"csrf_token": before}).status_code == 400
    assert client.post(f"{MISSION}/start", data={"csrf_token": after}).status_code == 302

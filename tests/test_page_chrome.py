"""Every page's header and footer come from a cache per language, display setting and role
(web/page_chrome.py): no one's token, address or menu may reach another person's page."""
from __future__ import annotations

import re
from html import unescape

from flask import Flask
from jinja2 import meta

from tests.conftest import Auth, csrf_from
from tests.factories import PIN

CHROME_TEMPLATES = ("partials/page_top.html", "partials/page_bottom.html")
# The cache key, the two per-request markers, and functions that depend on nothing else.
ALLOWED_NAMES = {"_", "url_for", "get_locale", "display", "role", "form_token", "this_page"}
TOKENS = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
RETURN_TO = re.compile(r'name="next" value="([^"]*)"')


def _names_used(app: Flask, name: str) -> set[str]:
    """Every outside name a template and the templates it includes use."""
    source = app.jinja_env.loader.get_source(app.jinja_env, name)[0]
    parsed = app.jinja_env.parse(source)
    used = set(meta.find_undeclared_variables(parsed))
    for included in meta.find_referenced_templates(parsed):
        assert included is not None, f"{name} includes a template by a computed name"
        used |= _names_used(app, included)
    return used


def test_chrome_templates_see_nothing_of_the_person(app):
    for name in CHROME_TEMPLATES:
        used = _names_used(app, name)
        assert used <= ALLOWED_NAMES, f"{name} uses {sorted(used - ALLOWED_NAMES)}, which the cache key does not cover"
    assert "role" in _names_used(app, CHROME_TEMPLATES[0]), "the menu (nav.html), included by the header, was read"


def test_a_cached_header_carries_each_sessions_own_token(app, world):
    first, second = app.test_client(), app.test_client()
    pages = [client.get("/privacy").get_data(as_text=True) for client in (first, second, first)]
    tokens = [set(TOKENS.findall(page)) for page in pages]
    assert all(len(found) == 1 for found in tokens), "every form on one page carries the same token"
    assert tokens[0] != tokens[1]
    # The token in the cached language form works for its own session only.
    assert first.post("/taal", data={"csrf_token": tokens[1].pop(), "locale": "en"}).status_code == 400
    switched = first.post("/taal", data={"csrf_token": tokens[2].pop(), "locale": "en", "next": "/privacy"})
    assert switched.status_code == 302
    assert 'lang="en"' in first.get("/privacy").get_data(as_text=True)
    assert 'lang="nl"' in second.get("/privacy").get_data(as_text=True)


def test_display_forms_return_to_this_page_escaped(client):
    page = client.get('/privacy?x="><script>alert(1)</script>').get_data(as_text=True)
    assert "<script>alert" not in page
    returns = RETURN_TO.findall(page)
    assert len(returns) == 3
    assert {unescape(value) for value in returns} == {'/privacy?x="><script>alert(1)</script>'}
    later = client.get("/privacy/kinderen").get_data(as_text=True)
    assert set(RETURN_TO.findall(later)) == {"/privacy/kinderen?"}


def test_chrome_follows_language_display_and_role(app, world, auth):
    visitor = app.test_client()
    page = visitor.get("/privacy").get_data(as_text=True)
    assert "Direct naar de inhoud" in page and "/inloggen" in page and "Mijn missies" not in page

    auth.agent(world.class_code, "Snelle Vos", PIN)
    page = auth.client.get("/agent/").get_data(as_text=True)
    assert "Mijn missies" in page and "Wissel van agent" in page
    auth.client.post("/weergave", data={"csrf_token": csrf_from(page), "text_size": "large", "high_contrast": "y"})
    auth.client.post("/taal", data={"csrf_token": csrf_from(page), "locale": "en"})
    page = auth.client.get("/agent/").get_data(as_text=True)
    assert "Skip to content" in page and "My missions" in page
    assert re.search(r'value="large"[^>]*aria-pressed="true"', page)
    assert re.search(r'aria-pressed="true">High contrast', page)

    page = visitor.get("/privacy").get_data(as_text=True)  # the agent's choices stayed with the agent
    assert "Direct naar de inhoud" in page and "Mijn missies" not in page
    assert re.search(r'value="normal"[^>]*aria-pressed="true"', page)

    teacher = Auth(app.test_client())
    teacher.staff("teacher@school.example.nl")
    page = teacher.client.get("/leerkracht/").get_data(as_text=True)
    assert "Mijn klassen" in page and "Mijn missies" not in page and "Uitloggen" in page


def test_nothing_is_kept_while_templates_are_edited(app, client):
    kept = app.extensions["cyberquest.page_chrome"].kept
    kept.clear()
    app.jinja_env.auto_reload = True
    try:
        client.get("/privacy")
        assert kept == {}
    finally:
        app.jinja_env.auto_reload = False
    client.get("/privacy")
    assert {key[0] for key in kept} == {"top", "bottom"}

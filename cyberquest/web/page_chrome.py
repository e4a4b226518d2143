"""The parts of every page around its content (the header with menu and display tools, the footer),
rendered once per language, display setting and role, then reused.

They were about a fifth of a child's step page. Two things in them differ per request: the form token
and the page's own address, where the language and text-size forms return to. The cached copy holds
markers for those two, and they are filled in on every request.

The chrome templates see only the values of the cache key and the two markers, never the signed-in
person. tests/test_page_chrome.py checks this, so no one's data can reach another person's page.
"""
from __future__ import annotations

import secrets

from flask import Flask, current_app, request
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

PARTS = {"top": "partials/page_top.html", "bottom": "partials/page_bottom.html"}
# Random per process, so no page text can contain them.
TOKEN_MARKER = f"cq-form-token-{secrets.token_hex(8)}"
PAGE_MARKER = f"cq-this-page-{secrets.token_hex(8)}"
_CACHE = "cyberquest.page_chrome"
_MOST_KEPT = 1000  # languages x text sizes x contrast x roles x parts is about 170; a safety limit only


@pass_context
def page_chrome(context: Context, part: str) -> Markup:
    """The chrome part for this request: cached per language, display setting and role. The display
    setting is the page's own (``display``, from the context processor)."""
    display = context["display"]
    role = current_user.role if current_user.is_authenticated else "visitor"
    key = (part, str(get_locale()), display["text_size"], bool(display["high_contrast"]), role)
    kept: dict = current_app.extensions[_CACHE]
    html = kept.get(key)
    if html is None:
        html = current_app.jinja_env.get_template(PARTS[part]).render(
            form_token=TOKEN_MARKER, this_page=PAGE_MARKER, role=role, display=display)
        if not current_app.jinja_env.auto_reload and len(kept) < _MOST_KEPT:  # templates edited live: no cache
            kept[key] = html
    return Markup(html.replace(TOKEN_MARKER, escape(generate_csrf())).replace(PAGE_MARKER, escape(request.full_path)))


def install(app: Flask) -> None:
    app.extensions[_CACHE] = {}
    app.add_template_global(page_chrome)

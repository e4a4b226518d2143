"""Dutch is the default language: every UI string has a Dutch translation, and the
catalogue is in step with the source code."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po
from flask import render_template_string
from flask_babel import force_locale

from cyberquest.content.model import Text
from cyberquest.web import template_translations

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "cyberquest" / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _messages(path: Path):
    with path.open("rb") as handle:
        return [message for message in read_po(handle) if message.id]


def test_every_string_in_the_catalogue_is_translated():
    untranslated = []
    for message in _messages(CATALOGUE):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if message.fuzzy or not all(strings):
            untranslated.append(ids[0])
        for translated in strings:
            assert set(PLACEHOLDER.findall(translated)) == set(PLACEHOLDER.findall(ids[-1])), ids[0]
    assert untranslated == []


def test_catalogue_has_every_string_of_the_source(tmp_path):
    template = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg", "-k", "_l",
         "-o", str(template), "."],
        cwd=ROOT, check=True,
    )
    in_source = {message.id for message in _messages(template)}
    in_catalogue = {message.id for message in _messages(CATALOGUE)}
    assert in_source - in_catalogue == set(), "run pybabel extract/update and translate"


def test_templates_follow_the_request_language_and_a_forced_one(app):
    """Template strings use translations kept per render, which must still follow ``force_locale``."""
    template = "{{ _('Sign in') }} / {{ ngettext('%(num)d badge', '%(num)d badges', 2) }}"
    with app.test_request_context("/"):
        dutch = render_template_string(template)
        with force_locale("en"):
            english = render_template_string(template)
        again = render_template_string(template)
    assert dutch == again == "Inloggen / 2 badges" and english == "Sign in / 2 badges"


def test_a_render_looks_its_translations_and_language_up_once_even_in_loops_that_set_variables(app, monkeypatch):
    """Jinja derives a new context for every round of a loop with ``{% set %}`` in it: the translations and the
    language of content texts are kept for the whole render, not per context."""
    lookups = []
    for name in ("get_translations", "get_locale"):
        look_up = getattr(template_translations, name)
        monkeypatch.setattr(template_translations, name,
                            lambda look_up=look_up, name=name: lookups.append(name) or look_up())
    template = ("{% for n in range(3) %}{% set shown = n + 1 %}"
                "{{ shown }} {{ _('Sign in') }} {{ title|loc }}. {% endfor %}")
    title = Text(nl="Hoi mam", en="Hi mum")
    with app.test_request_context("/"):
        dutch = render_template_string(template, title=title)
        with force_locale("en"):
            english = render_template_string(template, title=title)
    assert dutch == "1 Inloggen Hoi mam. 2 Inloggen Hoi mam. 3 Inloggen Hoi mam. "
    assert english == "1 Sign in Hi mum. 2 Sign in Hi mum. 3 Sign in Hi mum. "
    assert sorted(lookups) == ["get_locale", "get_locale", "get_translations", "get_translations"]

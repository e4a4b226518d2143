"""Bad input through every form a person can reach (DESIGN §7): each role's pages are crawled, their forms
read from the HTML, and then

- every text field gets a script tag and a spreadsheet formula, after which no page shows the script
  unescaped and no CSV cell starts a formula;
- hypothesis fills the forms with random, oversized, unicode, control-character, SQL and type-confused
  values: never a server error, and a refusal is a page that says what went wrong.
"""
from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, inspect, select

from cyberquest.extensions import db
from cyberquest.models import Agent, School

from .conftest import csrf_from
from .pdf_text import pdf_text
from .test_authorization_matrix import ROLES, build_matrix_world, expected, requests_for, sign_in

SCRIPT = "<script>alert('cq')</script>"
FORMULA = "=HYPERLINK(\"http://evil.example\")"
LEAVE_ALONE = {"/uitloggen", "/taal"}  # signing out and switching language are not input to check here
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FREE_TEXT_ROLES = {"coordinator", "admin"}


class FormReader(HTMLParser):
    """The POST forms of pages: action -> field names (hidden fields too, except the CSRF token). A form
    without an action posts to its own page."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: dict[str, set[str]] = {}
        self.page = ""
        self._action: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "get").lower() == "post":
            self._action = attributes.get("action") or self.page
            self.forms.setdefault(self._action, set())
        elif tag in ("input", "select", "textarea", "button") and self._action is not None:
            name = attributes.get("name")
            if name and name != "csrf_token":
                self.forms[self._action].add(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._action = None


def _pages(app, matrix, role) -> list[str]:
    return [path for endpoint, method, path, side in requests_for(app, matrix, role)
            if method == "GET" and "served" in expected(endpoint, role, side) and not path.startswith("/static/")]


def _crawl(client, paths: list[str]) -> dict[str, tuple[int, str, str]]:
    """path -> (status, content type, text) for every page that is not a binary download."""
    seen = {}
    for path in paths:
        response = client.get(path)
        kind = response.headers.get("Content-Type", "")
        text = response.get_data(as_text=True) if ("html" in kind or "csv" in kind or "json" in kind) else ""
        seen[path] = (response.status_code, kind, text)
    return seen


def _forms(pages: dict[str, tuple[int, str, str]]) -> dict[str, set[str]]:
    reader = FormReader()
    for path, (status, kind, text) in pages.items():
        if status == 200 and "html" in kind:
            reader.page = path
            reader.feed(text)
    return {action: fields for action, fields in reader.forms.items()
            if action.startswith("/") and action.split("?")[0] not in LEAVE_ALONE}


def _signed_in(app, client, auth, world, role):
    matrix = build_matrix_world(app, world)
    sign_in(auth, world, role)
    token = csrf_from(client.get("/weergave").get_data(as_text=True))
    return matrix, token


@pytest.mark.parametrize("role", ROLES[1:])
def test_typed_scripts_and_formulas_come_out_harmless(app, client, auth, world, role):
    matrix, token = _signed_in(app, client, auth, world, role)
    pages = _pages(app, matrix, role)
    forms = _forms(_crawl(client, pages))
    assert forms, "the crawl found no forms"
    for action, fields in forms.items():
        response = client.post(action, data={"csrf_token": token, **{field: f"{FORMULA}{SCRIPT}" for field in fields}})
        assert response.status_code < 500, action
    sign_in(auth, world, role)  # a form may have ended the session (a new card, a merge)
    crawled = _crawl(client, pages)
    if role in FREE_TEXT_ROLES:  # they name schools, libraries and ceremonies: the script was kept, and escaped
        assert any("&lt;script&gt;" in text for _status, _kind, text in crawled.values())
    for path, (status, kind, text) in crawled.items():
        assert status < 500, path
        if "html" in kind:
            assert SCRIPT not in text, path
        if "csv" in kind:
            cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
            assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)], path


ODD_VALUES = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=12),
    st.sampled_from(["", " ", "0", "-1", "1.5", "99999999999999999999999", "1e309", "NaN", "null", "[]", "{}",
                     "\x00", "a\x00b", "\r\n", "\u202e", "💥" * 50, "../../etc/passwd", "' OR 1=1 --",
                     "1; DROP TABLE agents", SCRIPT, FORMULA, "x" * 100_000]),
)


@pytest.mark.parametrize("role", ROLES[1:])
def test_random_form_input_never_breaks_a_page(app, client, auth, world, role):
    matrix, token = _signed_in(app, client, auth, world, role)
    forms = sorted(_forms(_crawl(client, _pages(app, matrix, role))).items())
    assert forms

    @given(form=st.sampled_from(forms), data=st.data())
    @settings(max_examples=120, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.data_too_large])
    def post(form, data):
        action, fields = form
        names = sorted(fields | {"onbekend_veld"})
        values = data.draw(st.dictionaries(st.sampled_from(names), st.lists(ODD_VALUES, min_size=1, max_size=2),
                                           max_size=len(names)))
        response = client.post(action, data={"csrf_token": token, **values})
        assert response.status_code < 500, (action, values)
        if response.status_code == 400 and "html" in response.headers.get("Content-Type", ""):
            assert "<h1" in response.get_data(as_text=True)  # a page that says what went wrong

    post()


def test_a_control_character_is_refused_with_a_message(client, auth, world):
    """Found by the fuzzing above on PostgreSQL, which cannot store a NUL character: it was a server error."""
    auth.staff("trainer@library.example.nl")
    path = f"/begeleider/groepen/{world.group_id}/deelnemers"
    refused = client.post(path, data={"csrf_token": auth.token(f"/begeleider/groepen/{world.group_id}"),
                                      "first_name": "Ann\x00ie"})
    assert refused.status_code == 400 and "onzichtbaar stuurteken" in refused.get_data(as_text=True)
    assert client.get("/ranglijst?seizoen=2026-2027\x01").status_code == 400
    assert client.get("/api/v1/seasons?x=\x7f").get_json() == {"error": "Bad Request", "status": 400}


SQL = "x'); DROP TABLE agents; -- ' OR '1'='1"


@pytest.mark.parametrize("role", ROLES[1:])
def test_sql_typed_into_every_field_changes_no_table(app, client, auth, world, role):
    with app.app_context():
        tables = set(inspect(db.engine).get_table_names())
    matrix, token = _signed_in(app, client, auth, world, role)
    for action, fields in _forms(_crawl(client, _pages(app, matrix, role))).items():
        assert client.post(action, data={"csrf_token": token, **dict.fromkeys(fields, SQL)}).status_code < 500
    with app.app_context():
        assert set(inspect(db.engine).get_table_names()) == tables
        assert db.session.scalar(select(func.count()).select_from(Agent)) >= 2


def test_sql_in_a_sign_in_signs_nobody_in(client, auth, world):
    for attempt in (auth.agent(world.class_code, SQL, SQL), auth.agent(SQL, "Snelle Vos", SQL),
                    auth.learner(world.group_code, SQL, SQL), auth.staff(SQL, SQL),
                    auth.staff("teacher@school.example.nl", SQL)):
        assert attempt.status_code in (400, 401, 429), attempt.status_code
    assert client.get("/agent/").status_code == 302 and client.get("/leerkracht/").status_code == 302


def test_a_typed_script_is_plain_text_in_a_pdf(app, client, auth, world, tmp_path):
    """PDFs draw typed text as text: a school named like a script shows its name literally, never as markup."""
    with app.app_context():
        db.session.get(School, world.school_id).name = f"{FORMULA}{SCRIPT}"
        db.session.commit()
    auth.staff("coordinator@maastricht.example.nl")
    summary = client.get(f"/gemeente/{world.maastricht_id}/samenvatting.pdf")
    assert summary.status_code == 200
    assert SCRIPT in "".join(pdf_text(summary.data, tmp_path).split())  # a long name wraps in its cell

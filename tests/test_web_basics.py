"""Health check, security headers, cookies, configuration and error pages."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from cyberquest import create_app
from cyberquest.config import ConfigError

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_an_unreachable_database(tmp_path):
    app = create_app({"ENV": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'missing' / 'x.sqlite'}"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unreachable"}


def test_strict_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" not in response.headers  # only behind TLS


def test_every_kind_of_response_gets_the_security_headers_once(tmp_path):
    app = create_app({"ENV": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}",
                      "PROPAGATE_EXCEPTIONS": False})

    @app.get("/kapot")
    def broken():
        raise RuntimeError("a bug")

    client = app.test_client()
    for path, status in (("/", 200), ("/bestaat-niet", 404), ("/kapot", 500), ("/static/css/app.css", 200)):
        response = client.get(path)
        assert response.status_code == status, path
        assert response.headers["X-Frame-Options"] == "DENY", path
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], path
        names = [name.lower() for name, _value in response.headers]
        assert len(names) == len(set(names)), path  # none twice


def test_https_headers_only_when_behind_tls(monkeypatch, tmp_path):
    monkeypatch.setenv("CYBERQUEST_BEHIND_TLS", "1")
    app = create_app({"ENV": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}"})
    response = app.test_client().get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert app.test_client().get("/bestaat-niet", base_url="https://localhost").headers["Strict-Transport-Security"]
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_no_inline_script_or_style_in_templates():
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        if template.parent.name == "ceremony_pack":  # files of the downloaded pack, opened from disk: own styles, no script
            assert "<script" not in text and not re.search(r"\son[a-z]+=", text), template
            continue
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), template
        assert " style=" not in text and "<style" not in text, template
        assert not re.search(r"\son[a-z]+=", text), template  # no onclick= and friends


def test_session_cookie_is_http_only_and_same_site(client, auth, world):
    response = auth.staff("teacher@school.example.nl")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_requires_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("CYBERQUEST_ENV", "production")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app()


def test_production_app_starts_ready_to_serve(monkeypatch, tmp_path):
    """gunicorn forks workers from a master that already read the content and compiled every template."""
    monkeypatch.setenv("CYBERQUEST_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "test-" + "x" * 40)
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'unused.db'}"})
    compiled = {name for (_, name) in app.jinja_env.cache}
    assert compiled == set(app.jinja_env.list_templates()) and "base.html" in compiled
    assert app.extensions["cyberquest.content"]._pack is not None
    assert not (tmp_path / "unused.db").exists()  # no database connection before the workers are forked


def test_development_secret_is_generated_once(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = create_app({"ENV": "development", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    second = create_app({"ENV": "development", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert len(first.config["SECRET_KEY"]) == 64


def test_friendly_404_page(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Pagina niet gevonden" in page and "Traceback" not in page


def test_bad_form_input_gives_400_not_500(client, auth, world):
    response = auth.post("/inloggen/agent", {"code": "x" * 500, "name": "", "pin": "abc"})
    assert response.status_code == 400
    assert "De pincode heeft 4 cijfers" in response.get_data(as_text=True)


def test_unexpected_errors_show_a_friendly_500_without_details(tmp_path, caplog):
    app = create_app({"ENV": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}"})

    @app.get("/_boom_for_test")
    def boom():
        raise RuntimeError("secret detail: Snelle Vos")

    response = app.test_client().get("/_boom_for_test")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Snelle Vos" not in page and "RuntimeError" not in page
    assert "Snelle Vos" not in caplog.text  # no personal data in the log either

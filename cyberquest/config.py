"""Configuration read from the environment (DESIGN §9).

CYBERQUEST_ENV selects the profile: ``development`` (default), ``production`` or ``test``.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask


class ConfigError(RuntimeError):
    """Raised when the environment cannot give a safe configuration."""


def _default_database_url(instance_path: Path) -> str:
    return f"sqlite:///{instance_path / 'cyberquest.sqlite'}"


def _development_secret(instance_path: Path) -> str:
    """Read the development key, creating it once; atomic so parallel workers agree."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        tmp = key_file.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(4)}")
        tmp.write_text(secrets.token_hex(32))
        tmp.chmod(0o600)
        try:
            os.link(tmp, key_file)  # fails if another process won the race
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return key_file.read_text().strip()


def load_config(app: Flask, overrides: dict | None = None) -> None:
    """Fill ``app.config`` from the environment, then apply ``overrides`` (tests)."""
    overrides = dict(overrides or {})
    env = overrides.pop("ENV", None) or os.environ.get("CYBERQUEST_ENV", "development")
    if env not in {"development", "production", "test"}:
        raise ConfigError(f"CYBERQUEST_ENV must be development, production or test, not {env!r}")
    instance_path = Path(app.instance_path)
    instance_path.mkdir(parents=True, exist_ok=True)

    behind_tls = os.environ.get("CYBERQUEST_BEHIND_TLS", "").lower() in {"1", "true", "yes"}
    config = {
        "CYBERQUEST_ENV": env,
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL")
        or _default_database_url(instance_path),
        "BEHIND_TLS": behind_tls,
        "TRUST_PROXY_HOPS": int(os.environ.get("CYBERQUEST_PROXY_HOPS", "0")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": behind_tls,
        "REMEMBER_COOKIE_SECURE": behind_tls,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "WTF_CSRF_TIME_LIMIT": None,  # no timers that pressure: a form stays valid for the session
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Amsterdam",
        "LANGUAGES": ("nl", "en"),
        "AGENT_IDLE_MINUTES": 20,
        "PASSWORD_HASH_PROFILE": "standard",
        "PIN_HASH_PROFILE": "pin",
        # Boards may be this many seconds behind while the region plays (see services/board_cache.py).
        "BOARD_FRESH_SECONDS": float(os.environ.get("CYBERQUEST_BOARD_FRESH_SECONDS", "60")),
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        # The contact address published in the Open Badges issuer profile.
        "ISSUER_EMAIL": os.environ.get("CYBERQUEST_ISSUER_EMAIL", "info@cyberquest-limburg.nl"),
        "MODULES_DIR": os.environ.get("CYBERQUEST_MODULES") or str(Path(app.root_path).parent / "modules"),
        # The Level Maker's word list: the project's own, also when another modules root is played.
        "WORD_FILTER": str(Path(app.root_path).parent / "modules" / "word_filter.toml"),
    }
    secret = os.environ.get("SECRET_KEY")
    if env == "production" and not secret:
        raise ConfigError("SECRET_KEY must be set in the environment when CYBERQUEST_ENV=production")
    if env == "test":
        config.update(
            TESTING=True,
            PASSWORD_HASH_PROFILE="fast",
            PIN_HASH_PROFILE="fast",
            BOARD_FRESH_SECONDS=0.0,
            SECRET_KEY=secret or "test-only-secret",
        )
    else:
        config["SECRET_KEY"] = secret or _development_secret(instance_path)
    config.update(overrides)
    app.config.from_mapping(config)

"""CyberQuest Limburg: the application factory."""
from __future__ import annotations

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import cli, idle_check
from .background import BackgroundJobs
from .config import load_config
from .content.kinds import default_step_kinds
from .content.store import ContentStore
from .extensions import babel, csrf, db, login_manager
from .flask_app import CyberQuestFlask
from .services.board_cache import BoardCache
from .services.seasons import SeasonIds
from .services.word_filter import load_words
from .web import register_web
from .web import template_globals
from .web.display import select_locale, select_timezone

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def badge_icons_folder(app: Flask) -> Path:
    return Path(app.static_folder or PROJECT_ROOT / "static") / "badges"


def create_app(overrides: dict | None = None) -> Flask:
    app = CyberQuestFlask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    template_globals.install(app)
    load_config(app, overrides)
    if app.config["TRUST_PROXY_HOPS"]:
        hops = app.config["TRUST_PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]

    db.init_app(app)
    with app.app_context():
        idle_check.install(db.engine)
    csrf.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.extensions["cyberquest.content"] = ContentStore(
        Path(app.config["MODULES_DIR"]), default_step_kinds(), watch=app.config["CYBERQUEST_ENV"] == "development",
        badge_icons=badge_icons_folder(app),
    )
    app.extensions["cyberquest.words"] = load_words(Path(app.config["WORD_FILTER"]))
    app.extensions["cyberquest.boards"] = BoardCache(fresh_for=app.config["BOARD_FRESH_SECONDS"],
                                                     later=BackgroundJobs(app))
    app.extensions["cyberquest.season_ids"] = SeasonIds()
    register_web(app)

    cli.register(app)
    if app.config["CYBERQUEST_ENV"] == "production":
        make_ready(app)
    return app


def make_ready(app: Flask) -> None:
    """Read the content and compile every template now instead of on the first requests.

    gunicorn loads the app once in its master (``preload_app``), so every worker, also one started to
    replace another, is forked ready to serve at full speed; a broken template stops the start-up instead
    of one page. Nothing here opens a database connection, so workers share none.
    """
    app.extensions["cyberquest.content"].pack
    for name in app.jinja_env.list_templates():
        app.jinja_env.get_template(name)

"""Alembic, driven from the app: the schema changes only through migrations."""
from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def run_alembic(engine: Engine, action, *args, **kwargs) -> None:
    """Run an alembic command (upgrade, downgrade, revision) on ``engine``'s database, in one transaction."""
    config = alembic_config()
    migrating = _with_transactional_ddl(engine)
    try:
        with migrating.begin() as connection:
            config.attributes["connection"] = connection
            action(config, *args, **kwargs)
    finally:
        if migrating is not engine:
            migrating.dispose()


def _with_transactional_ddl(engine: Engine) -> Engine:
    """On a SQLite file, an engine whose transaction holds the schema changes too. Python's sqlite3 module opens
    a transaction only before a write of rows, so an index built first was committed at once: an upgrade killed
    after it left the new index under the old revision. Here the driver's own handling is off and every
    transaction starts with an explicit BEGIN (SQLAlchemy's recipe for pysqlite)."""
    if sqlite_file(engine) is None:
        return engine
    migrating = create_engine(engine.url, poolclass=NullPool)
    event.listen(migrating, "connect", lambda dbapi_connection, _record: setattr(dbapi_connection,
                                                                                 "isolation_level", None))
    event.listen(migrating, "begin", lambda connection: connection.exec_driver_sql("BEGIN"))
    return migrating


def upgrade(engine: Engine, revision: str = "head") -> None:
    run_alembic(engine, command.upgrade, revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def sqlite_file(engine: Engine) -> Path | None:
    """The file of a SQLite database; None for other databases and in-memory ones."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database)


def backup_sqlite(engine: Engine, now: datetime) -> Path | None:
    """A consistent copy of a SQLite database file next to it, named after its revision and the time (SQLite's
    online backup, so the write-ahead log is included); None for other databases or an empty new file.

    An upgrade runs in one transaction (``run_alembic``), so a killed one leaves the database as it was; the
    copy is for an upgrade that finished but went wrong, e.g. a data migration that lost what it should have
    kept, or a release that has to be taken back. Restore: stop the app, copy the backup over the database
    file, delete the ``-wal`` and ``-shm`` files next to it, start again (README, "Upgrading"). Retention
    deletes it after 30 days.
    """
    database = sqlite_file(engine)
    if database is None or not database.exists():
        return None
    revision = current_revision(engine)
    if revision is None:
        return None
    target = database.with_name(f"{database.stem}.before-{revision}-{now:%Y%m%d-%H%M%S}.sqlite")
    source, copy = sqlite3.connect(database), sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return target


def is_up_to_date(engine: Engine) -> bool:
    """True when the database is at the newest migration."""
    heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())
    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return current == heads

"""The migrations build exactly the schema the models describe (no drift)."""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from cyberquest import create_app, schema
from cyberquest.extensions import db


def test_upgrade_on_an_empty_database_matches_the_models(app):
    # The session database was emptied, then built by `db upgrade` (see conftest).
    with app.app_context():
        assert schema.is_up_to_date(db.engine)
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_downgrade_and_upgrade_again_on_sqlite(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'roundtrip.sqlite'}")
    schema.upgrade(engine)
    schema.run_alembic(engine, command.downgrade, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    schema.upgrade(engine)
    assert "agents" in inspect(engine).get_table_names()
    engine.dispose()


def test_an_upgrade_on_sqlite_keeps_a_backup_that_restores(tmp_path):
    """`db upgrade` copies a SQLite database before changing it; the documented restore (copy it back, remove
    the -wal and -shm files) gives the database as it was, data included."""
    path = tmp_path / "cyberquest.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    schema.upgrade(engine, "0015")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO seasons (code, starts_on, ends_on, cutoff_on) "
                                "VALUES ('2026-2027', '2026-08-01', '2027-07-31', '2027-06-01')"))
    engine.dispose()
    app = create_app({"ENV": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    backups = list(tmp_path.glob("cyberquest.before-0015-*.sqlite"))
    assert len(backups) == 1 and str(backups[0]) in result.output
    with app.app_context():
        assert schema.is_up_to_date(db.engine)
        db.engine.dispose()
    again = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert again.exit_code == 0 and "Backup" not in again.output
    assert len(list(tmp_path.glob("*.before-*"))) == 1  # nothing to do: no new backup

    shutil.copyfile(backups[0], path)  # the restore of the README
    for leftover in (tmp_path / "cyberquest.sqlite-wal", tmp_path / "cyberquest.sqlite-shm"):
        leftover.unlink(missing_ok=True)
    restored = create_engine(f"sqlite:///{path}")
    assert schema.current_revision(restored) == "0015"
    with restored.connect() as connection:
        assert connection.execute(text("SELECT code FROM seasons")).scalars().all() == ["2026-2027"]
    restored.dispose()


def test_an_upgrade_killed_half_way_leaves_sqlite_whole_and_the_backup_restores(tmp_path):
    """`db upgrade` is killed with SIGKILL at growing moments while it builds an index over many rows: every
    time the database passes SQLite's integrity check, keeps its rows and is at the old or the new revision,
    never between; the next `db upgrade` finishes the job (the backup's restore is the test above)."""
    pristine = tmp_path / "pristine.sqlite"
    engine = create_engine(f"sqlite:///{pristine}")
    schema.upgrade(engine, "0015")
    engine.dispose()
    with sqlite3.connect(pristine) as connection:  # many rows, so the new index takes a while to build
        connection.executemany(
            "INSERT INTO xp_ledger (agent_id, season_id, source_type, source_id, step_key, xp, created_at) "
            "VALUES (?, 1, 'mission', 'm', 's', 10, '2026-12-03 10:00:00')", ((n,) for n in range(1, 200_001)))
    path = tmp_path / "cyberquest.sqlite"
    env = {**os.environ, "CYBERQUEST_ENV": "development", "DATABASE_URL": f"sqlite:///{path}"}
    command = [sys.executable, "-m", "flask", "--app", "cyberquest", "db", "upgrade"]
    seen = set()
    for delay in (0.5, 0.9, 1.3, 1.7, 2.2):
        shutil.copyfile(pristine, path)
        for backup in tmp_path.glob("cyberquest.before-*"):
            backup.unlink()
        run = subprocess.Popen(command, cwd=Path(__file__).resolve().parents[1], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=30)
        with sqlite3.connect(path) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            index = connection.execute("SELECT count(*) FROM sqlite_master WHERE name = 'ix_xp_ledger_agent_totals'")
            built = index.fetchone()[0]
            assert (revision, built) == ("0015", 0) or (revision > "0015" and built == 1), delay  # 0016 builds it
            assert connection.execute("SELECT count(*) FROM xp_ledger").fetchone() == (200_000,)
        seen.add(revision)
    assert "0015" in seen  # at least one kill came before the upgrade was done
    finished = subprocess.run(command, cwd=Path(__file__).resolve().parents[1], env=env, capture_output=True,
                              text=True, check=False)
    assert finished.returncode == 0, finished.stderr
    assert schema.is_up_to_date(create_engine(f"sqlite:///{path}"))


def test_a_failed_migration_on_sqlite_leaves_no_schema_change_behind(tmp_path):
    """A migration runs in one transaction, schema changes included: Python's sqlite3 module commits an index
    built before any row is written at once, so a killed upgrade could leave the new index under the old
    revision (tests/test_migrations.py's killed upgrade found it once an upgrade built two indexes)."""
    engine = create_engine(f"sqlite:///{tmp_path / 'cyberquest.sqlite'}")
    schema.upgrade(engine, "0015")

    def build_an_index_then_fail(config) -> None:
        config.attributes["connection"].exec_driver_sql("CREATE INDEX ix_probe ON xp_ledger (xp)")
        raise RuntimeError("the migration stops here")

    with pytest.raises(RuntimeError):
        schema.run_alembic(engine, build_an_index_then_fail)
    assert "ix_probe" not in {index["name"] for index in inspect(engine).get_indexes("xp_ledger")}
    assert schema.current_revision(engine) == "0015"
    engine.dispose()

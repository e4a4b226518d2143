"""The migrations build exactly the schema the models describe (no drift)."""
from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from cyberquest import schema
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

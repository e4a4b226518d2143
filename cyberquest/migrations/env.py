"""Alembic environment: runs on the connection handed over by cyberquest.schema."""
from alembic import context

from cyberquest.extensions import db
import cyberquest.models  # noqa: F401  (registers every table on the metadata)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=db.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things in place
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

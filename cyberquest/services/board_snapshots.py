"""Leaderboards shared by every worker process through the database.

Each worker process keeps its own ``BoardCache``. Without a shared copy a board was computed once per
process (four on a two-core server), and the first view of it in every process waited for that. A snapshot
holds the rows last computed by any process, with the board versions they came from; a process without a
current copy of its own reads the snapshot before it computes.
"""
from __future__ import annotations

import json
import logging
from dataclasses import asdict

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from ..models import BoardSnapshot
from .board_cache import Entry
from .upsert import INSERTS

log = logging.getLogger(__name__)


class Snapshots:
    """Board rows (dataclasses of ``row_type``) in the ``board_snapshots`` table, read with the request's session
    and written apart from it."""

    def __init__(self, session: Session, row_type: type) -> None:
        self.session, self.row_type = session, row_type

    def load(self, key: tuple) -> Entry | None:
        found = self.session.scalars(select(BoardSnapshot).where(BoardSnapshot.key == _key(key))).one_or_none()
        if found is None:
            return None
        signature = tuple(tuple(pair) for pair in json.loads(found.signature))
        rows = [self.row_type(**row) for row in json.loads(found.rows)]
        return Entry(signature, found.computed_at, found.fresh_until, rows)

    def save(self, key: tuple, entry: Entry) -> None:
        """In a transaction of its own, so a board view commits nothing else. Only a cache: when the database is
        busy the snapshot is skipped and a later view stores it."""
        values = {"key": _key(key), "signature": json.dumps(entry.signature), "computed_at": entry.stored_at,
                  "fresh_until": entry.fresh_until, "rows": json.dumps([asdict(row) for row in entry.value])}
        engine = self.session.get_bind()
        statement = INSERTS[engine.dialect.name](BoardSnapshot).values(**values)
        statement = statement.on_conflict_do_update(index_elements=["key"], set_=values)
        try:
            with engine.begin() as connection:
                connection.execute(statement)
        except OperationalError as error:
            log.warning("Board snapshot %s not stored: %s", values["key"], error.orig)


def _key(key: tuple) -> str:
    return json.dumps(list(key))

"""Leaderboards shared by every worker process through the database.

Each worker process keeps its own ``BoardCache``. Without a shared copy a board was computed once per
process (four on a two-core server), and the first view of it in every process waited for that. A snapshot
holds the rows last computed by any process (or a coordinator's dashboard figures), with the board versions
they came from; a process without a copy of its own reads the snapshot before it computes.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from ..models import BoardSnapshot
from .board_cache import Entry
from .upsert import INSERTS

log = logging.getLogger(__name__)


class Snapshots:
    """Boards in the ``board_snapshots`` table as JSON (``to_json`` gives plain lists and dicts, ``from_json`` takes
    them back), read with the given session and written apart from it."""

    def __init__(self, session: Session, to_json: Callable[[Any], Any], from_json: Callable[[Any], Any]) -> None:
        self.session, self.to_json, self.from_json = session, to_json, from_json

    def load(self, key: tuple) -> Entry | None:
        found = self.session.scalars(select(BoardSnapshot).where(BoardSnapshot.key == _key(key))).one_or_none()
        if found is None:
            return None
        signature = tuple(tuple(pair) for pair in json.loads(found.signature))
        return Entry(signature, found.computed_at, found.fresh_until, self.from_json(json.loads(found.rows)))

    def save(self, key: tuple, entry: Entry) -> None:
        """In a transaction of its own, so a board view commits nothing else. Only a cache: when the database is
        busy the snapshot is skipped and a later view stores it."""
        values = {"key": _key(key), "signature": json.dumps(entry.signature), "computed_at": entry.stored_at,
                  "fresh_until": entry.fresh_until, "rows": json.dumps(self.to_json(entry.value))}
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

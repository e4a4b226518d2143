"""A write that finds the database busy is tried again a few times; after that the person sees a calm "busy"
page (503) that says their answer was not saved yet, never an error page.

SQLite lets one writer at a time: a second one waits (the busy timeout), or is refused at once when the
data it read was changed meanwhile. PostgreSQL can end a transaction in a deadlock or a serialization
failure. In each case the whole transaction was rolled back, so running the view again is safe.
"""
from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from psycopg import errors as pg_errors
from sqlalchemy.exc import OperationalError

from ..extensions import db

ATTEMPTS = 3
PG_BUSY = (pg_errors.SerializationFailure, pg_errors.DeadlockDetected, pg_errors.LockNotAvailable)


def is_busy(error: OperationalError) -> bool:
    original = error.orig
    if isinstance(original, sqlite3.OperationalError):
        return "locked" in str(original) or "busy" in str(original)
    return isinstance(original, PG_BUSY)


def retry_when_busy(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return view(*args, **kwargs)
            except OperationalError as error:
                db.session.rollback()
                if not is_busy(error):
                    raise
                if attempt < ATTEMPTS:
                    time.sleep(random.uniform(0.05, 0.15) * attempt)  # apart, so the writers do not meet again
        abort(503)

    return wrapper

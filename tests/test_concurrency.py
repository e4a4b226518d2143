"""Concurrent sign-in failures on a real PostgreSQL server: none lost, none crashing."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from cyberquest.extensions import db
from cyberquest.models import SignInThrottle
from cyberquest.services import throttle

from .threads import run_at_once

pytestmark = pytest.mark.postgres


def test_parallel_first_failures_create_one_row_and_count_every_attempt(app):
    errors = run_at_once(app, lambda: throttle.record_failure(db.session, [("card", "KLAS7B:snelle vos")]), 8)
    assert errors == []
    with app.app_context():
        rows = list(db.session.scalars(select(SignInThrottle)))
    assert len(rows) == 1
    assert rows[0].failures == 8

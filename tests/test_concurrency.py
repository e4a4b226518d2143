"""Concurrent sign-in failures on a real PostgreSQL server: none lost, none crashing."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from cyberquest.extensions import db
from cyberquest.models import SignInThrottle
from cyberquest.services import throttle

pytestmark = pytest.mark.postgres


def test_parallel_first_failures_create_one_row_and_count_every_attempt(app):
    workers, errors = 8, []
    barrier = threading.Barrier(workers)

    def fail_once():
        with app.app_context():
            try:
                barrier.wait()
                throttle.record_failure(db.session, [("card", "KLAS7B:snelle vos")])
                db.session.commit()
            except Exception as error:  # noqa: BLE001  (collected and asserted below)
                errors.append(error)

    threads = [threading.Thread(target=fail_once) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    with app.app_context():
        rows = list(db.session.scalars(select(SignInThrottle)))
    assert len(rows) == 1
    assert rows[0].failures == workers

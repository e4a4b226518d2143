"""Run the same database work from several threads at once, each in its own app context."""
from __future__ import annotations

import threading
from collections.abc import Callable

from cyberquest.extensions import db


def run_at_once(app, work: Callable[[], None], workers: int) -> list[Exception]:
    """Start ``work`` in ``workers`` threads released together; returns the errors raised."""
    errors: list[Exception] = []
    barrier = threading.Barrier(workers)

    def run():
        with app.app_context():
            try:
                barrier.wait()
                work()
                db.session.commit()
            except Exception as error:  # noqa: BLE001  (returned to the test, which asserts on it)
                errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors

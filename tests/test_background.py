"""The app's background thread: each job with a session of its own, a failure logged, a fork handled."""
from __future__ import annotations

import logging
import os
import threading

from sqlalchemy import text

from cyberquest.background import BackgroundJobs


def test_a_job_gets_a_session_of_its_own_and_a_failure_does_not_stop_the_next(app, caplog):
    jobs, seen = BackgroundJobs(app), []

    def fails(session) -> None:
        session.execute(text("SELECT 1"))
        raise ValueError("broken board")

    def counts(session) -> None:
        seen.append((threading.current_thread().name, session.execute(text("SELECT 41 + 1")).scalar_one()))

    with caplog.at_level(logging.ERROR, logger="cyberquest.background"):
        jobs(fails).result(timeout=10)
        jobs(counts).result(timeout=10)
    assert seen and seen[0][1] == 42 and seen[0][0].startswith("cyberquest-background")
    assert seen[0][0] != threading.current_thread().name
    assert "broken board" in caplog.text


def test_a_forked_process_starts_a_thread_of_its_own(app, monkeypatch):
    """gunicorn forks its workers from the master; the master's thread is not in the worker."""
    jobs, threads = BackgroundJobs(app), []
    jobs(lambda session: threads.append(threading.get_ident())).result(timeout=10)
    first = jobs._executor
    monkeypatch.setattr(os, "getpid", lambda: -1)
    jobs(lambda session: threads.append(threading.get_ident())).result(timeout=10)
    assert jobs._executor is not first and len(threads) == 2

"""Work a request should not wait for, run on one thread of the app process (see ``services.board_cache``).

Each job gets an app context and a database session of its own. The thread is started on the first job,
in the process that runs it: gunicorn's master loads the app and forks its workers, and a thread does not
survive a fork, so a process that finds it was forked starts a thread of its own.
"""
from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from flask import Flask
from sqlalchemy.orm import Session

from .extensions import db

log = logging.getLogger(__name__)


class BackgroundJobs:
    def __init__(self, app: Flask) -> None:
        self.app = app
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None
        self._pid = 0

    def __call__(self, job: Callable[[Session], None]) -> Future:
        return self._own_executor().submit(self._run, job)

    def _own_executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._executor is None or self._pid != os.getpid():
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cyberquest-background")
                self._pid = os.getpid()
            return self._executor

    def _run(self, job: Callable[[Session], None]) -> None:
        with self.app.app_context():
            try:
                job(db.session)
            except Exception:
                log.exception("A background job failed; the next view that needs it tries again")
                db.session.rollback()

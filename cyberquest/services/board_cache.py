"""A per-scope cache of leaderboards, kept per app process.

An entry is used while the versions of its scope are unchanged (see ``board_versions``) and it
is younger than ``max_age`` seconds; the age limit picks up agents who so far only answered
wrongly, which makes them active without earning XP. An entry younger than ``fresh_for`` seconds is
used even when its scope changed: while a region plays, every answer changes some board, and a
board a few seconds behind costs one computation per scope per interval instead of one per view.
Each entry's interval is drawn between three quarters of ``fresh_for`` and all of it, so boards first
shown together (a worker's start, a morning's first lesson) are not all recomputed in the same second.
While one thread of the process recomputes an entry, others asking for it get the entry they had, so
many screens showing one board cost one computation, not one each. Nothing is ever cleared wholesale.
"""
from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from typing import Any


class BoardCache:
    def __init__(self, max_age: float = 300.0, fresh_for: float = 0.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_age, self.fresh_for, self.clock = max_age, fresh_for, clock
        self._entries: dict[tuple, tuple[tuple, float, float, Any]] = {}  # signature, stored at, fresh for, value
        self._computing: set[tuple] = set()
        self._lock = threading.Lock()

    def get(self, key: tuple, signature: tuple, compute: Callable[[], Any]) -> Any:
        now = self.clock()
        with self._lock:
            entry = self._entries.get(key)
            current = entry is not None and (now - entry[1] < entry[2]
                                             or entry[0] == signature and now - entry[1] < self.max_age)
            if current or (entry is not None and key in self._computing):
                return entry[3]
            self._computing.add(key)
        try:
            value = compute()
        finally:
            with self._lock:
                self._computing.discard(key)
        with self._lock:
            self._entries[key] = (signature, now, self.fresh_for * random.uniform(0.75, 1.0), value)
        return value

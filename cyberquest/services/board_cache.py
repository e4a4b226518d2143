"""A per-scope cache of leaderboards, kept per app process.

An entry is used while the versions of its scope are unchanged (see ``board_versions``) and it
is younger than ``max_age`` seconds; the age limit picks up agents who so far only answered
wrongly, which makes them active without earning XP. An entry younger than ``fresh_for`` seconds is
used even when its scope changed: while a region plays, every answer changes some board, and a
board a few seconds behind costs one computation per scope per interval instead of one per view.
Each entry's interval is drawn between three quarters of ``fresh_for`` and all of it, so boards first
shown together (a worker's start, a morning's first lesson) are not all recomputed in the same second.
While one thread of the process recomputes an entry, others asking for it get the entry they had, so
many screens showing one board cost one computation, not one each. With ``shared`` entries, a process that
has no current entry first takes the one another process stored. Nothing is ever cleared wholesale.
"""
from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Entry:
    signature: tuple
    stored_at: float
    fresh_until: float  # used until then even when its scope changed
    value: Any


class SharedEntries(Protocol):
    """Entries shared with the other processes (see ``board_snapshots``)."""

    def load(self, key: tuple) -> Entry | None: ...

    def save(self, key: tuple, entry: Entry) -> None: ...


class BoardCache:
    def __init__(self, max_age: float = 300.0, fresh_for: float = 0.0,
                 clock: Callable[[], float] = time.time) -> None:
        self.max_age, self.fresh_for, self.clock = max_age, fresh_for, clock
        self._entries: dict[tuple, Entry] = {}
        self._computing: set[tuple] = set()
        self._lock = threading.Lock()

    def get(self, key: tuple, signature: tuple, compute: Callable[[], Any], shared: SharedEntries | None = None) -> Any:
        now = self.clock()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and (self._current(entry, signature, now) or key in self._computing):
                return entry.value
            self._computing.add(key)
        try:
            entry = shared.load(key) if shared is not None else None
            if entry is None or not self._current(entry, signature, now):
                entry = Entry(signature, now, now + self.fresh_for * random.uniform(0.75, 1.0), compute())
                if shared is not None:
                    shared.save(key, entry)
            with self._lock:
                self._entries[key] = entry
        finally:
            with self._lock:
                self._computing.discard(key)
        return entry.value

    def _current(self, entry: Entry, signature: tuple, now: float) -> bool:
        return now < entry.fresh_until or (entry.signature == signature and now - entry.stored_at < self.max_age)

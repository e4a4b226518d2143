"""A per-scope cache of leaderboards, kept per app process.

An entry is used while the versions of its scope are unchanged (see ``board_versions``) and it
is younger than ``max_age`` seconds; the age limit picks up agents who so far only answered
wrongly, which makes them active without earning XP. An entry younger than ``fresh_for`` seconds is
used even when its scope changed: while a region plays, every answer changes some board, and a
board a few seconds behind costs one computation per scope per interval instead of one per view. Nor are the
scope's versions read then: a fresh board is shown without asking the database anything.
Each entry's interval is drawn between three quarters of ``fresh_for`` and all of it, so boards first
shown together (a worker's start, a morning's first lesson) are not all recomputed in the same second.

While one thread of the process recomputes an entry, others asking for it get the entry they had, so
many screens showing one board cost one computation, not one each. With ``later`` (a runner of jobs
outside the request, see ``cyberquest.background``), the view that finds an entry due for recomputation
also gets the entry it had, as long as that is younger than twice ``fresh_for``, and the recomputation runs
in the background: no view of a board that is watched waits for it. An older entry, of a board nobody
looked at for a while, is recomputed in the view, so nobody is shown figures from long ago.

With ``shared`` entries, a process that has no entry of its own it may show first takes the one another process
stored, and treats it as its own: current, or due for a recomputation in the background. Nothing is ever cleared
wholesale.
"""
from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.orm import Session


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


Compute = Callable[[Session], Any]
Versions = Callable[[Session], tuple]  # reads the versions of an entry's scope
Shared = Callable[[Session], SharedEntries]
Later = Callable[[Callable[[Session], None]], None]  # runs a job with a session of its own, outside the request


class BoardCache:
    def __init__(self, max_age: float = 300.0, fresh_for: float = 0.0,
                 clock: Callable[[], float] = time.time, later: Later | None = None) -> None:
        self.max_age, self.fresh_for, self.clock, self.later = max_age, fresh_for, clock, later
        self._entries: dict[tuple, Entry] = {}
        self._computing: set[tuple] = set()
        self._lock = threading.Lock()

    def get(self, key: tuple, versions: Versions, compute: Compute, session: Session | None = None,
            shared: Shared | None = None) -> Any:
        """The entry for ``key``; ``compute`` and ``shared`` are given the session to read with: ``session``
        in this request, or the background job's own. ``versions`` is read with ``session`` unless the entry
        is fresh or being recomputed."""
        now = self.clock()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and (now < entry.fresh_until or key in self._computing):
                return entry.value
        signature = versions(session)  # outside the lock: other threads' fresh entries need not wait for it
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and (self._current(entry, signature, now) or key in self._computing):
                return entry.value
            self._computing.add(key)
        try:
            if shared is not None and not self._showable(entry, now):
                entry = _newer(entry, shared(session).load(key))
                if entry is not None and self._current(entry, signature, now):
                    return self._keep(key, entry).value
            if entry is not None and self._showable(entry, now):
                self._keep(key, entry, still_computing=True)
                self.later(lambda own: self._refresh(key, signature, compute, own, shared, now))
                return entry.value
        except BaseException:
            self._done(key)
            raise
        return self._refresh(key, signature, compute, session, shared, now).value

    def _refresh(self, key: tuple, signature: tuple, compute: Compute, session: Session | None,
                 shared: Shared | None, now: float) -> Entry:
        try:
            snapshots = shared(session) if shared is not None else None
            entry = snapshots.load(key) if snapshots is not None else None
            if entry is None or not self._current(entry, signature, now):
                entry = Entry(signature, now, now + self.fresh_for * random.uniform(0.75, 1.0), compute(session))
                if snapshots is not None:
                    snapshots.save(key, entry)
            return self._keep(key, entry)
        except BaseException:
            self._done(key)
            raise

    def _keep(self, key: tuple, entry: Entry, still_computing: bool = False) -> Entry:
        with self._lock:
            self._entries[key] = entry
            if not still_computing:
                self._computing.discard(key)
        return entry

    def _done(self, key: tuple) -> None:
        with self._lock:
            self._computing.discard(key)

    def _showable(self, entry: Entry | None, now: float) -> bool:
        """Whether a view may get ``entry`` while it is recomputed in the background."""
        return entry is not None and self.later is not None and now - entry.stored_at < 2 * self.fresh_for

    def _current(self, entry: Entry, signature: tuple, now: float) -> bool:
        return now < entry.fresh_until or (entry.signature == signature and now - entry.stored_at < self.max_age)


def _newer(entry: Entry | None, other: Entry | None) -> Entry | None:
    if entry is None or (other is not None and other.stored_at > entry.stored_at):
        return other
    return entry

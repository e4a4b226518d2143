"""What a worker worked out with a secret key (a verified session cookie, a signed form token), kept until
the key changes.

Checking or making a signature costs a derived key and an HMAC on every request, though its result only
changes with its input and the key. The kept results live in one object with the key they were kept with,
and that object is replaced whole when the key changes, so no thread finds a result under another key than
the one it was kept with (two attributes, a key and a dict, could be seen half changed).
"""
from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

Kept = TypeVar("Kept")


@dataclass(frozen=True)
class _ForKey(Generic[Kept]):
    key: Hashable
    results: dict[str, Kept] = field(default_factory=dict)


class KeptPerKey(Generic[Kept]):
    """Results by their input, for the newest key only; at most ``MOST`` of them, then it starts afresh
    (a worker's sessions of the last hours: starting afresh costs one signature each)."""

    MOST = 10_000

    def __init__(self) -> None:
        self._for_key: _ForKey[Kept] = _ForKey(None)

    def find(self, key: Hashable, made_from: str) -> Kept | None:
        for_key = self._for_key
        return for_key.results.get(made_from) if for_key.key == key else None

    def keep(self, key: Hashable, made_from: str, result: Kept) -> None:
        for_key = self._for_key
        if for_key.key != key or len(for_key.results) >= self.MOST:
            for_key = self._for_key = _ForKey(key)
        for_key.results[made_from] = result

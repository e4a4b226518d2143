"""The loaded content of a running app: read on first use, re-read when files change (development)."""
from __future__ import annotations

import threading
from pathlib import Path

from .kinds import StepKind
from .loader import load_content
from .model import ContentPack


class ContentStore:
    def __init__(self, root: Path, kinds: dict[str, StepKind], watch: bool, badge_icons: Path | None = None) -> None:
        self.root = root
        self.badge_icons = badge_icons
        self.kinds = kinds
        self.watch = watch
        self._pack: ContentPack | None = None
        self._stamp: tuple = ()
        self._lock = threading.Lock()

    def _files_stamp(self) -> tuple:
        return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in self.root.rglob("*.toml")))

    @property
    def pack(self) -> ContentPack:
        if self._pack is not None and not self.watch:
            return self._pack
        with self._lock:
            stamp = self._files_stamp() if self.watch else ()
            if self._pack is None or stamp != self._stamp:
                self._pack, self._stamp = load_content(self.root, self.kinds, self.badge_icons), stamp
            return self._pack

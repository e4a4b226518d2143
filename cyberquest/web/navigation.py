"""Following a ``next`` field safely: only paths on this site."""
from __future__ import annotations

from flask import request


def safe_next() -> str | None:
    target = request.form.get("next") or ""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None

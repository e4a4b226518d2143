"""The Flask class of CyberQuest: Flask with a cheaper check that a view or hook is synchronous."""
from __future__ import annotations

from collections.abc import Callable
from inspect import CO_COROUTINE
from types import FunctionType
from typing import Any

from flask import Flask


class CyberQuestFlask(Flask):
    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        """A plain ``def`` function is returned as it is, from its code's flags.

        Flask asks ``inspect.iscoroutinefunction`` for every view and hook on every request, about 1 % of a
        child's step page (bench/RESULTS.md). Anything else (an ``async def`` function, a method, a partial)
        still goes through Flask's own check.
        """
        if type(func) is FunctionType and not func.__code__.co_flags & CO_COROUTINE:
            return func
        return super().ensure_sync(func)

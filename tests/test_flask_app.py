"""CyberQuest's Flask class: its cheaper synchronous check must not change which functions Flask wraps."""
from __future__ import annotations

from functools import partial

import pytest


def test_a_plain_function_is_used_as_it_is(app):
    def view():
        return "hoi"

    assert app.ensure_sync(view) is view


def test_an_async_function_still_goes_through_flasks_own_check(app):
    async def view():
        return "hoi"

    # Flask wraps an async view; without its "async" extra installed, it says so instead of serving a coroutine.
    for func in (view, partial(view)):
        with pytest.raises(RuntimeError, match="async"):
            app.ensure_sync(func)

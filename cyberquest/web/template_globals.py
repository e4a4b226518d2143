"""Jinja's globals for a template, looked up without an exception per name.

Jinja gives each template a ``ChainMap`` of its own globals (usually none) over the environment's, and
copies it into a dict for every render. ``ChainMap`` finds a name by trying each map and catching the
``KeyError``, so every render raised and caught one per global of the environment (23 on a step page).
"""
from __future__ import annotations

from collections import ChainMap
from collections.abc import MutableMapping
from typing import Any

from flask import Flask
from flask.templating import Environment


class TemplateGlobals(ChainMap):
    def __getitem__(self, key: str) -> Any:
        for mapping in self.maps:
            if key in mapping:
                return mapping[key]
        return self.__missing__(key)


class QuickGlobalsEnvironment(Environment):
    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return TemplateGlobals({} if d is None else d, self.globals)


def install(app: Flask) -> None:
    """Before anything uses ``app.jinja_env``, which Flask makes from this class on first use."""
    app.jinja_environment = QuickGlobalsEnvironment

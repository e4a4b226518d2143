"""URL converters shared by every blueprint."""
from __future__ import annotations

from typing import Any

from werkzeug.routing import IntegerConverter

LARGEST_ID = 2**31 - 1  # PostgreSQL's integer, the type of every id column


class DatabaseInteger(IntegerConverter):
    """``<int:…>``: a number the database can hold, so a huge one in a URL is a 404 page instead of an
    overflow in the database driver."""

    def __init__(self, url_map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(url_map, *args, **kwargs)


def database_id(text: str) -> int:
    """For ``request.form.get(name, type=database_id)``: an id the database can hold. Anything else raises
    ``ValueError``, which ``get`` turns into no value, so a huge number typed into a form finds no record
    instead of overflowing the database driver."""
    number = int(text)
    if not 0 < number <= LARGEST_ID:
        raise ValueError(f"not an id: {text[:20]}")
    return number


def install(app: Any) -> None:
    """Before any blueprint is registered: rules take their converters when they are added."""
    app.url_map.converters["int"] = DatabaseInteger

"""Loading a row named in the URL: the row, or a 404 page."""
from __future__ import annotations

from flask import abort

from ..extensions import db


def found(model: type, item_id: int):
    item = db.session.get(model, item_id)
    if item is None:
        abort(404)
    return item

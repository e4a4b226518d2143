"""Schools and libraries, created by admins."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Library, Municipality, School


def create_place(session: Session, model: type[School] | type[Library], *, name: str,
                 municipality_id: int, place: str | None = None) -> School | Library:
    """Add a school or library; refuses an unknown municipality or a duplicate name there."""
    if session.get(Municipality, municipality_id) is None:
        raise ValueError("unknown_municipality")
    name = " ".join(name.split())
    duplicate = session.scalar(
        select(model.id).where(model.municipality_id == municipality_id,
                               func.lower(model.name) == name.lower())
    )
    if duplicate is not None:
        raise ValueError("duplicate")
    item = model(name=name, municipality_id=municipality_id, place=(place or "").strip() or None)
    session.add(item)
    session.flush()
    return item

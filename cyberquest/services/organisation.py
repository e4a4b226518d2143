"""The region: municipalities' own figures, schools and libraries, and who coordinates where."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Library, Municipality, School, StaffUser


def create_place(session: Session, model: type[School] | type[Library], *, name: str,
                 municipality_id: int, place: str | None = None) -> School | Library:
    """Add a school or library; refuses an unknown municipality or a duplicate name there."""
    if session.get(Municipality, municipality_id) is None:
        raise ValueError("unknown_municipality")
    name = _unique_name(session, model, municipality_id, name)
    item = model(name=name, municipality_id=municipality_id, place=(place or "").strip() or None)
    session.add(item)
    session.flush()
    return item


def _unique_name(session: Session, model: type, municipality_id: int, name: str, item_id: int | None = None) -> str:
    name = " ".join(name.split())
    duplicate = session.scalar(select(model.id).where(model.municipality_id == municipality_id,
                                                      func.lower(model.name) == name.lower(), model.id != (item_id or 0)))
    if duplicate is not None:
        raise ValueError("duplicate")
    return name


def rename_place(session: Session, item: School | Library, *, name: str, place: str | None) -> None:
    """Correct a school's or library's name or place; a name stays unique in its municipality."""
    item.name = _unique_name(session, type(item), item.municipality_id, name, item.id)
    item.place = (place or "").strip() or None


def update_municipality(municipality: Municipality, *, mayor_name: str | None, children_8_12: int,
                        children_source: str | None, children_year: int | None) -> None:
    """The figures a coordinator keeps up to date; the children figure must say where it comes from."""
    if children_8_12 < 0 or (children_8_12 and not (children_source or "").strip()):
        raise ValueError("figure_without_source")
    municipality.mayor_name = " ".join((mayor_name or "").split()) or None
    municipality.children_8_12 = children_8_12
    municipality.children_source = " ".join((children_source or "").split()) or None
    municipality.children_year = children_year


def assign_coordinator(session: Session, email: str, municipality_id: int) -> StaffUser:
    """An existing, approved staff member becomes the coordinator of a municipality (a second factor follows)."""
    staff = session.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower()))
    if staff is None or not staff.is_approved:
        raise ValueError("unknown_staff")
    if staff.role == "admin":
        raise ValueError("is_admin")
    if session.get(Municipality, municipality_id) is None:
        raise ValueError("unknown_municipality")
    staff.role, staff.municipality_id = "coordinator", municipality_id
    staff.school_id = staff.library_id = None
    staff.skip_second_factor = False  # coordinators always sign in with a second factor (DESIGN §7)
    staff.login_epoch += 1  # the new role starts with a fresh sign-in, with the second factor
    session.flush()
    return staff

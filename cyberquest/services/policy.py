"""Who may open what: role plus ownership (DESIGN §1). Pure functions, no Flask."""
from __future__ import annotations

from ..models import CourseGroup, Municipality, Person, SchoolClass, StaffUser


def _staff(person: Person, *roles: str) -> bool:
    return isinstance(person, StaffUser) and person.role in roles


def teaches(person: Person, school_class: SchoolClass) -> bool:
    """Whether ``person`` is one of the class's own teachers: known when it was read along with the class for
    them (``taught_by_viewer``, web/teacher.OWN_CLASS), else looked up among the class's teachers."""
    return school_class.taught_by_viewer == person.id or any(t.id == person.id for t in school_class.teachers)


def may_manage_class(person: Person, school_class: SchoolClass) -> bool:
    """A class's own teachers, and admins."""
    if _staff(person, "admin"):
        return True
    return _staff(person, "teacher") and teaches(person, school_class)


def may_manage_group(person: Person, group: CourseGroup) -> bool:
    """A course group's own trainers, and admins."""
    if _staff(person, "admin"):
        return True
    return _staff(person, "trainer") and any(t.id == person.id for t in group.trainers)


def may_view_municipality(person: Person, municipality: Municipality) -> bool:
    """The municipality's coordinators, and admins."""
    if _staff(person, "admin"):
        return True
    return _staff(person, "coordinator") and person.municipality_id == municipality.id

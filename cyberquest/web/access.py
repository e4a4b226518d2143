"""The one authorization helper every view uses: role, then ownership, checked on the server."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, wraps
from typing import Any

from flask import abort
from flask_login import current_user
from sqlalchemy import Label, Select, bindparam, select

from ..extensions import db, login_manager


@dataclass(frozen=True)
class Owned:
    """Load ``model`` by the URL parameter ``param`` and check ``policy(person, obj)``.

    The loaded object replaces the parameter in the view's arguments, under ``name``. ``load`` are loader
    options for what the policy and most views read of it anyway, fetched in the same statement, and so are
    ``along``: labelled values, set on the object under their labels, that may use the bind parameter
    ``viewer_id``, the signed-in person's id.
    """

    model: type
    param: str
    name: str
    policy: Callable[[Any, Any], bool]
    load: tuple = ()
    along: tuple[Label, ...] = ()

    @cached_property
    def statement(self) -> Select:
        return select(self.model, *self.along).where(self.model.id == bindparam("owned_id")).options(*self.load)

    def read(self, object_id: int, viewer_id: int) -> Any:
        row = db.session.execute(self.statement, {"owned_id": object_id, "viewer_id": viewer_id}).one_or_none()
        if row is None:
            return None
        obj, *values = row
        for value_read, value in zip(self.along, values):
            setattr(obj, value_read.name, value)
        return obj


def authorize(*roles: str, owns: Owned | None = None) -> Callable:
    """Require a signed-in person with one of ``roles`` (staff role, ``agent`` or ``learner``).

    Not signed in: redirect to sign-in. Wrong role or not the owner: 403. Unknown id: 404.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            if owns is not None:
                obj = owns.read(kwargs.pop(owns.param), current_user.id)
                if obj is None:
                    abort(404)
                if not owns.policy(current_user, obj):
                    abort(403)
                kwargs[owns.name] = obj
            return view(*args, **kwargs)

        wrapper.authorized_roles = roles  # type: ignore[attr-defined]
        return wrapper

    return decorator


def public(view: Callable) -> Callable:
    """Mark a view as deliberately open to everyone (checked by a test)."""
    view.authorized_roles = ("public",)  # type: ignore[attr-defined]
    return view

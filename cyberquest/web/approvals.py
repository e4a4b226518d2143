"""Approving staff sign-ups: admins for everyone, coordinators for their municipality."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..models import StaffUser
from ..services import accounts
from .access import Owned, authorize
from .navigation import safe_next

bp = Blueprint("approvals", __name__, url_prefix="/aanmeldingen")

APPROVABLE = Owned(StaffUser, "staff_id", "candidate", accounts.may_approve)


@bp.post("/<int:staff_id>/goedkeuren")
@authorize("admin", "coordinator", owns=APPROVABLE)
def approve(candidate: StaffUser):
    accounts.approve(db.session, current_user, candidate)
    db.session.commit()
    flash(_("%(name)s can now sign in.", name=candidate.name), "success")
    return redirect(safe_next() or url_for("main.index"))


@bp.post("/<int:staff_id>/afwijzen")
@authorize("admin", "coordinator", owns=APPROVABLE)
def reject(candidate: StaffUser):
    if candidate.is_approved:
        abort(400)
    name = candidate.name
    accounts.reject(db.session, current_user, candidate)
    db.session.commit()
    flash(_("The request of %(name)s was refused and removed.", name=name), "success")
    return redirect(safe_next() or url_for("main.index"))

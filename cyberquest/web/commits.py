"""Commits that keep what the request already loaded.

By default a commit expires every loaded object, so a page rendered after it reads them all again: the signed-in
person, the class, its children. A commit that only added rows of its own (an answer's records, an audit entry)
changed nothing of them, so it need not.
"""
from __future__ import annotations

from flask_login import current_user

from ..extensions import db
from ..services import audit


def commit_keeping_loaded() -> None:
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True


def audited(action: str, subject: str) -> None:
    """Write that the signed-in person read names or exported data (ids only, DESIGN §7), committed at once."""
    audit.record(db.session, current_user.id, action, subject)
    commit_keeping_loaded()

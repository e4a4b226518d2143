"""The badges a signed-in agent or learner has not celebrated yet (the celebration banner), and the commit
of an answer that keeps the page after it from asking the database anything more."""
from __future__ import annotations

from collections.abc import Sequence

from flask import g, request
from flask_login import current_user

from ..content import Badge
from ..extensions import db
from ..services import badges
from .commits import commit_keeping_loaded
from .content_access import content


def new_badges() -> list:
    """For the banner of the page being rendered: looked up once per request, and on a GET only when the
    signed-in person was loaded with badges waiting (a GET awards nothing)."""
    if "new_badges" not in g:
        g.new_badges = _look_up()
    return g.new_badges


def _look_up() -> list:
    if not current_user.is_authenticated or current_user.role not in {"agent", "learner"}:
        return []
    if request.method == "GET" and not current_user.has_new_badges:
        return []
    return badges.unseen(db.session, content(), current_user)


def commit_answer(awarded: Sequence[Badge]) -> None:
    """Commit an answer with the page that follows it in mind: the badges to celebrate are known before the commit,
    and the commit does not expire what was loaded (the signed-in person, the progress, all written or set by this
    request), so rendering asks the database nothing more. On PostgreSQL that is three round trips fewer per
    answer: a new transaction, the person read again, and its end.

    ``awarded`` are the badges this answer brought. When the person was loaded with none waiting, they are all
    there is to celebrate, and the database is not asked; a badge awarded meanwhile by another request (a teacher
    confirming a task) is celebrated on the next page, as on any page. Set afresh: a request retried after a busy
    database may have set it before."""
    g.new_badges = _look_up() if current_user.has_new_badges else list(awarded)
    commit_keeping_loaded()

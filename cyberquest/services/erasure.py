"""Erasing a learner (DESIGN §7): the person, their progress, codes, badges and hosted assertions.

A child's confirmed help keeps its XP in the child's ledger; only the senior's side goes.
"""
from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..models import (ActiveWeek, BadgeAssertion, BadgeAward, HelperCode, HelperConfirmation, Learner,
                      LessonProgress)


def erase_learner(session: Session, learner_id: int) -> bool:
    """Remove everything about one learner; False when there is no such learner."""
    learner = session.get(Learner, learner_id)
    if learner is None:
        return False
    awards = select(BadgeAward.id).where(BadgeAward.learner_id == learner_id)
    codes = select(HelperCode.id).where(HelperCode.learner_id == learner_id)
    session.execute(delete(BadgeAssertion).where(BadgeAssertion.award_id.in_(awards)))
    session.execute(delete(BadgeAward).where(BadgeAward.learner_id == learner_id))
    session.execute(delete(ActiveWeek).where(ActiveWeek.learner_id == learner_id))
    session.execute(delete(HelperConfirmation).where(HelperConfirmation.helper_code_id.in_(codes)))
    session.execute(delete(HelperCode).where(HelperCode.learner_id == learner_id))
    session.execute(delete(LessonProgress).where(LessonProgress.learner_id == learner_id))
    session.delete(learner)
    session.flush()
    return True

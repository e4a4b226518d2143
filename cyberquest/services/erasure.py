"""Erasing a child or a learner, and archiving a season (DESIGN §4, §7).

A child's XP leaves the person but stays in the totals: the ledger and the (anonymous) mission
progress move to a new placeholder in the same class, which never signs in and is never listed, so
the region's counts of active agents, missions and Cyber Agents stay the same. Everything else about
the person goes: badges, weeks, consent and name, helper confirmations, the card. The audit log records the erasure with ids only.
"""
from __future__ import annotations

import secrets

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ..models import (ActiveWeek, Agent, BadgeAssertion, BadgeAward, CeremonyConsent, HelperCode, HelperConfirmation,
                      Learner, LessonProgress, MadeMission, MissionProgress, SchoolClass, Season, StepResult, XpEntry, utcnow)
from . import audit
from .secrets import hash_secret

PLACEHOLDER_NAME = "—"


def _placeholder(session: Session, class_id: int) -> Agent:
    """A stand-in that holds an erased child's XP; it has no card and a PIN nobody knows."""
    placeholder = Agent(class_id=class_id, agent_name=PLACEHOLDER_NAME, name_key=f"#erased-{secrets.token_hex(8)}",
                        pin_hash=hash_secret(secrets.token_urlsafe(32), "fast"), is_placeholder=True)
    session.add(placeholder)
    session.flush()
    return placeholder


def erase_agent(session: Session, agent_id: int, actor_id: int | None) -> bool:
    """Remove a child; False when there is no such child (or it is a placeholder)."""
    agent = session.get(Agent, agent_id)
    if agent is None or agent.is_placeholder:
        return False
    class_id = agent.class_id
    stand_in = _placeholder(session, class_id)
    for model in (XpEntry, MissionProgress, StepResult):  # no personal data: keeps the region's counts right
        session.execute(update(model).where(model.agent_id == agent_id).values(agent_id=stand_in.id))
    for model in (BadgeAward, ActiveWeek, CeremonyConsent, HelperConfirmation, MadeMission):  # MadeMission: free text
        session.execute(delete(model).where(model.agent_id == agent_id))
    session.delete(agent)
    audit.record(session, actor_id, "erase_agent", f"class:{class_id}")
    session.flush()
    return True


def erase_learner(session: Session, learner_id: int, actor_id: int | None = None) -> bool:
    """Remove everything about one learner; False when there is no such learner."""
    learner = session.get(Learner, learner_id)
    if learner is None:
        return False
    group_id = learner.group_id
    awards = select(BadgeAward.id).where(BadgeAward.learner_id == learner_id)
    codes = select(HelperCode.id).where(HelperCode.learner_id == learner_id)
    session.execute(delete(BadgeAssertion).where(BadgeAssertion.award_id.in_(awards)))
    session.execute(delete(BadgeAward).where(BadgeAward.learner_id == learner_id))
    session.execute(delete(ActiveWeek).where(ActiveWeek.learner_id == learner_id))
    session.execute(delete(HelperConfirmation).where(HelperConfirmation.helper_code_id.in_(codes)))
    session.execute(delete(HelperCode).where(HelperCode.learner_id == learner_id))
    session.execute(delete(LessonProgress).where(LessonProgress.learner_id == learner_id))
    session.delete(learner)
    audit.record(session, actor_id, "erase_learner", f"group:{group_id}")
    session.flush()
    return True


def erase_season_names(session: Session, season_id: int) -> tuple[int, int]:
    """Erase a season's consented names and its classes' private notes; who recorded a consent, and when,
    stays. Returns how many names and how many notes were erased."""
    names = session.execute(update(CeremonyConsent).where(CeremonyConsent.season_id == season_id,
                                                          CeremonyConsent.display_name.is_not(None))
                            .values(display_name=None)).rowcount or 0
    notes = session.execute(update(Agent).where(Agent.class_id.in_(select(SchoolClass.id).where(
        SchoolClass.season_id == season_id)), Agent.private_note.is_not(None)).values(private_note=None)).rowcount or 0
    return names, notes


def archive_season(session: Session, season: Season, actor_id: int | None) -> int:
    """Close a season: its consented names and private notes are erased (consent records stay).

    Returns how many consented names were erased.
    """
    names, _notes = erase_season_names(session, season.id)
    season.archived_at = utcnow()
    audit.record(session, actor_id, "archive_season", f"season:{season.id}")
    session.flush()
    return names

"""A ceremony for the demo's current season, with Cyber Agents and consented names in several
municipalities, so the ceremony pages and the generated pack are never empty."""
from __future__ import annotations

import random
from datetime import time

from faker import Faker
from sqlalchemy import select
from sqlalchemy.orm import Session

from cyberquest.content import ContentPack
from cyberquest.content.kinds import StepKind
from cyberquest.models import Agent, Ceremony, MissionProgress, SchoolClass, Season, StaffUser
from cyberquest.services import ceremonies, consent, offline_review
from cyberquest.services.seasons import core_mission_ids

from .demo_progress import play_mission

CONSENT_SHARE = 0.8  # most parents return the slip


def _confirm_real_world_task(session: Session, pack: ContentPack, kinds: dict[str, StepKind], agent: Agent,
                             season: Season) -> None:
    """The child does a task the teacher confirms, as a qualifying Cyber Agent needs."""
    mission = next(m for m in sorted(pack.missions.values(), key=lambda m: m.id)
                   if m.is_offline and any(s.kind == "offline" and s.data["confirm"] == "teacher" for s in m.steps))
    play_mission(session, kinds, agent.id, season.id, mission, len(mission.steps))
    offline_review.confirm(session, pack, agent, season.id, mission.id)


def seed_ceremony(session: Session, pack: ContentPack, kinds: dict[str, StepKind], season: Season) -> None:
    if session.scalar(select(Ceremony.id).where(Ceremony.season_id == season.id)) is not None:
        return
    core = core_mission_ids(season, pack.missions)
    done = {}
    for agent_id, mission_id in session.execute(select(MissionProgress.agent_id, MissionProgress.mission_id).where(
            MissionProgress.season_id == season.id, MissionProgress.finished_at.is_not(None))):
        done.setdefault(agent_id, set()).add(mission_id)
    fake, rng = Faker("nl_NL"), random.Random(2027)
    fake.seed_instance(2027)
    admin = session.scalar(select(StaffUser.id).where(StaffUser.role == "admin"))
    municipalities = set()
    agents = session.scalars(select(Agent).join(SchoolClass).where(SchoolClass.season_id == season.id,
                                                                   Agent.is_placeholder.is_(False))
                             .order_by(Agent.id))
    for agent in agents:
        if not core or not core <= done.get(agent.id, set()):
            continue
        _confirm_real_world_task(session, pack, kinds, agent, season)
        municipalities.add(agent.school_class.school.municipality_id)
        if rng.random() < CONSENT_SHARE:
            consent.record(session, agent, season.id, f"{fake.first_name()} {fake.last_name()[0]}.", admin)
    if municipalities:
        held_on = season.cutoff_on.replace(day=20)
        ceremonies.create(session, season, ceremonies.Setup(
            name=f"Cyber Agents Limburg {season.code}", held_on=held_on, starts_at=time(14, 0),
            venue_name="Theater aan het Vrijthof", venue_address="Vrijthof 47, 6211 LE Maastricht", capacity=60,
            minutes_per_child=1, minutes_per_mayor=5, break_minutes=20, municipality_ids=sorted(municipalities)))
    session.flush()

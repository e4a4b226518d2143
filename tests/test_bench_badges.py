"""The benchmark region holds exactly the badges the badge rules award for its seeded progress, celebrated."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import delete, select

from cyberquest.content import load_content
from cyberquest.content.kinds import default_step_kinds
from cyberquest.models import Agent, BadgeAward
from cyberquest.services import badges
from cyberquest.services.badge_rules import ALL_EVENTS
from seeds.bench import seed_bench

MODULES = Path(__file__).resolve().parents[1] / "modules"


def _awards(session, agent_ids=None) -> set[tuple[int, str, str | None]]:
    query = select(BadgeAward.agent_id, BadgeAward.badge_id, BadgeAward.exclusive_key)
    if agent_ids is not None:
        query = query.where(BadgeAward.agent_id.in_(agent_ids))
    return {tuple(row) for row in session.execute(query)}


def test_the_benchmark_region_holds_the_badges_the_rules_award_for_its_progress(session):
    kinds = default_step_kinds()
    pack = load_content(MODULES, kinds)
    figures = seed_bench(session, pack, kinds, 0.001, date(2026, 12, 7))
    session.commit()
    seeded = _awards(session)
    assert figures["badges"] == len(seeded) > figures["agents"]
    assert session.scalar(select(BadgeAward.id).where(BadgeAward.seen_at.is_(None)).limit(1)) is None  # celebrated
    rule_kinds = {pack.badges[badge_id].rule.kind for _agent, badge_id, _scope in seeded}
    assert {"mission_done", "missions_done", "perfect_mission", "first_in_class", "rank_reached"} <= rule_kinds

    # Four whole classes (an exclusive badge goes to one agent per class) lose their badges and earn them again
    # through the engine the app uses, child by child, as `flask badges backfill` would.
    class_ids = session.scalars(select(Agent.class_id).distinct().order_by(Agent.class_id).limit(4)).all()
    agents = session.scalars(select(Agent).where(Agent.class_id.in_(class_ids)).order_by(Agent.id)).all()
    agent_ids = [agent.id for agent in agents]
    before = _awards(session, agent_ids)
    session.execute(delete(BadgeAward).where(BadgeAward.agent_id.in_(agent_ids)))
    for agent in agents:
        badges.evaluate(session, pack, agent, ALL_EVENTS)
    assert _awards(session, agent_ids) == before
    assert sum(scope is not None for _agent, _badge, scope in before) == len(class_ids)

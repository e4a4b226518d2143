"""The benchmark region is one the app could have made: children resume where they stopped, and hold exactly the
badges the badge rules award for their progress, celebrated."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import delete, select

from cyberquest.content import load_content
from cyberquest.content.kinds import default_step_kinds
from cyberquest.models import Agent, BadgeAward, MissionProgress, StepResult
from cyberquest.services import badges, play
from cyberquest.services.badge_rules import ALL_EVENTS
from seeds.bench import seed_bench
from seeds.demo_progress import right_answer

MODULES = Path(__file__).resolve().parents[1] / "modules"


def _awards(session, agent_ids=None) -> set[tuple[int, str, str | None]]:
    query = select(BadgeAward.agent_id, BadgeAward.badge_id, BadgeAward.exclusive_key)
    if agent_ids is not None:
        query = query.where(BadgeAward.agent_id.in_(agent_ids))
    return {tuple(row) for row in session.execute(query)}


def _seeded(session):
    kinds = default_step_kinds()
    pack = load_content(MODULES, kinds)
    figures = seed_bench(session, pack, kinds, 0.001, date(2026, 12, 7))
    session.commit()
    return pack, kinds, figures


def test_a_benchmark_child_resumes_a_mission_at_the_step_after_the_last_one_solved(session):
    pack, kinds, _figures = _seeded(session)
    solved: dict[tuple[int, str], set[str]] = {}
    for agent_id, mission_id, step_key in session.execute(
            select(StepResult.agent_id, StepResult.mission_id, StepResult.step_key)
            .where(StepResult.solved_at.is_not(None))):
        solved.setdefault((agent_id, mission_id), set()).add(step_key)
    unfinished = session.scalars(select(MissionProgress).where(MissionProgress.finished_at.is_(None))
                                 .order_by(MissionProgress.id)).all()
    assert len(unfinished) > 1000
    for state in unfinished:  # every scored step before the child's position solved, none after it
        steps = pack.missions[state.mission_id].steps
        assert 0 < state.position < len(steps)
        before = {step.key for step in steps[:state.position] if kinds[step.kind].scored}
        assert solved[(state.agent_id, state.mission_id)] == before, (state.mission_id, state.position)
    for state in unfinished[:50]:  # so the step shown is one to solve: a right answer moves the child on
        mission = pack.missions[state.mission_id]
        position = state.position
        step = play.current_step(mission, state)
        if kinds[step.kind].scored:
            outcome = play.answer(session, kinds, state.agent_id, state.season_id, mission, step.key,
                                  right_answer(step))
            assert outcome.correct and outcome.xp > 0
        else:
            play.go_on(session, kinds, state.agent_id, state.season_id, mission, step.key)
        assert state.position == position + 1


def test_the_benchmark_region_holds_the_badges_the_rules_award_for_its_progress(session):
    pack, _kinds, figures = _seeded(session)
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

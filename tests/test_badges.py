"""The badge engine: each rule kind awards exactly when its condition becomes true, once, also under races."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from cyberquest.extensions import db
from cyberquest.models import Agent, BadgeAward, Learner, MissionProgress, utcnow
from cyberquest.services import achievements, badges, bridge, play
from cyberquest.services.badge_rules import ALL_EVENTS, MISSION_FINISHED, NEW_ACTIVE_WEEK
from cyberquest.services.upsert import InsertUnlessPresent
from seeds.demo_progress import right_answer

from .factories import make_agent
from .threads import run_at_once


@pytest.fixture
def store(app):
    return app.extensions["cyberquest.content"]


def wrong_answer(step):
    assert step.kind == "truefalse"
    return not step.data["answer"]


def play_mission(session, store, agent, season_id, mission_id, *, steps=None, mistake_on=None) -> set[str]:
    """Play a mission through the same service the views use; returns the ids of the badges it brought."""
    mission = store.pack.missions[mission_id]
    new: set[str] = set()
    for step in mission.steps[:steps]:
        if store.kinds[step.kind].scored:
            if step.key == mistake_on:
                achievements.answer_mission_step(session, store.pack, store.kinds, agent, season_id, mission,
                                                 step.key, wrong_answer(step))
            _outcome, celebration = achievements.answer_mission_step(
                session, store.pack, store.kinds, agent, season_id, mission, step.key, right_answer(step))
        else:
            _outcome, celebration = achievements.go_on_in_mission(session, store.pack, store.kinds, agent, season_id,
                                                                   mission, step.key)
        new |= {badge.id for badge in celebration.badges}
    return new


def owned(session, person) -> set[str]:
    return set(badges.awarded(session, person))


def test_finishing_a_mission_awards_its_badges_once(session, store, world):
    agent = session.get(Agent, world.agent_id)
    steps = len(store.pack.missions["alle-soorten"].steps)
    assert play_mission(session, store, agent, world.season_id, "alle-soorten", steps=steps - 1) == set()
    new = play_mission(session, store, agent, world.season_id, "alle-soorten")
    assert new == {"t-missie", "t-spoor", "t-kern", "t-foutloos", "t-foutloos-alle-soorten", "t-eerste"}
    assert badges.evaluate(session, store.pack, agent, ALL_EVENTS) == []
    rows = session.scalars(select(BadgeAward.badge_id).where(BadgeAward.agent_id == agent.id)).all()
    assert sorted(rows) == sorted(new)


def test_a_wrong_answer_costs_the_flawless_badge_only(session, store, world):
    agent = session.get(Agent, world.agent_id)
    new = play_mission(session, store, agent, world.season_id, "alle-soorten", mistake_on="bank-pincode")
    assert "t-missie" in new and "t-foutloos" not in new and "t-foutloos-alle-soorten" not in new


def test_helping_a_senior_brings_offline_count_and_rank_badges_when_confirmed(session, store, world):
    agent, learner = session.get(Agent, world.agent_id), session.get(Learner, world.learner_id)
    play_mission(session, store, agent, world.season_id, "alle-soorten")  # 160 XP: below Speurder (250)
    code = bridge.current_code(session, learner.id)
    mission = store.pack.missions["oma-helpen"]
    play.progress(session, agent.id, world.season_id, mission.id)
    assert bridge.enter_code(session, agent.id, world.season_id, mission, code.code).error is None
    play_mission(session, store, agent, world.season_id, "oma-helpen")
    before = owned(session, agent)
    assert not before & {"t-offline", "t-senior", "t-twee-missies", "t-rang"}  # an offline mission waits

    waiting = bridge.pending(session, learner.id)
    assert bridge.confirm(session, learner.id, waiting[0].id, store.pack)
    assert owned(session, agent) - before == {"t-offline", "t-senior", "t-twee-missies", "t-rang"}


def test_a_rank_reached_in_play_is_celebrated_and_awarded(session, store, world):
    agent = session.get(Agent, world.agent_id)
    play_mission(session, store, agent, world.season_id, "alle-soorten")
    mission = store.pack.missions["buiten"]
    play_mission(session, store, agent, world.season_id, "buiten")  # the offline step waits for the teacher
    celebration = achievements.offline_confirmed(session, store.pack, agent, world.season_id, mission)
    assert celebration.rank is not None and celebration.rank.id == "speurder"
    assert {badge.id for badge in celebration.badges} >= {"t-rang", "t-offline", "t-twee-missies"}
    again = achievements.offline_confirmed(session, store.pack, agent, world.season_id, mission)
    assert again.badges == () and again.rank is None


def test_course_badges_when_the_last_lesson_is_done(session, store, world):
    learner = session.get(Learner, world.learner_id)
    course = store.pack.courses["veilig-appen"]
    new: set[str] = set()
    for number, lesson in enumerate(course.lessons):
        for step in lesson.steps:
            if store.kinds[step.kind].scored:
                _right, got = achievements.answer_lesson_step(session, store.pack, store.kinds, learner, course,
                                                              lesson, step.key, right_answer(step))
            else:
                got = achievements.go_on_in_lesson(session, store.pack, store.kinds, learner, course, lesson, step.key)
            new |= {badge.id for badge in got}
        if number < len(course.lessons) - 1:
            assert new == set()
    assert new == {"t-cursus", "t-een-cursus", "t-alle-cursussen"}
    assert badges.evaluate(session, store.pack, learner, ALL_EVENTS) == []
    assert not any("agent" in store.pack.badges[badge_id].audiences - {"learner"} for badge_id in new)


def test_all_courses_means_the_learners_own_route(session, store, world):
    learner = session.get(Learner, world.learner_id)
    learner.route = []  # the trainer chose no courses: nothing to finish, so no badge
    session.flush()
    assert badges.evaluate(session, store.pack, learner, ALL_EVENTS) == []


@pytest.mark.parametrize("kind", ["agent", "learner"])
def test_active_weeks_counts_different_weeks(session, store, world, kind):
    person = session.get(Agent, world.agent_id) if kind == "agent" else session.get(Learner, world.learner_id)
    monday = date(2026, 11, 16)
    assert [badges.record_activity(session, person, day) for day in (monday, monday + timedelta(days=4))] == [
        True, False]  # twice in one week: one new week
    assert badges.evaluate(session, store.pack, person, {NEW_ACTIVE_WEEK}) == []
    assert badges.record_activity(session, person, monday + timedelta(days=7))
    assert [badge.id for badge in badges.evaluate(session, store.pack, person, {NEW_ACTIVE_WEEK})] == ["t-weken"]
    assert badges.evaluate(session, store.pack, person, {NEW_ACTIVE_WEEK}) == []


def test_the_first_answer_of_a_new_week_brings_the_weeks_badge(session, store, world):
    agent = session.get(Agent, world.agent_id)
    badges.record_activity(session, agent, utcnow().date() - timedelta(days=7))  # played last week
    assert play_mission(session, store, agent, world.season_id, "alle-soorten", steps=1) == {"t-weken"}


def test_first_in_class_goes_to_the_first_only_per_class(session, store, world):
    first = session.get(Agent, world.agent_id)
    classmate = make_agent(session, world.class_id, "Dappere Das")
    elsewhere = session.get(Agent, session.scalar(select(Agent.id).where(Agent.class_id == world.other_class_id)))
    assert "t-eerste" in play_mission(session, store, first, world.season_id, "alle-soorten")
    assert "t-eerste" not in play_mission(session, store, classmate, world.season_id, "alle-soorten")
    assert "t-eerste" in play_mission(session, store, elsewhere, world.season_id, "alle-soorten")


def _finish_without_badges(store, agent_id: int, season_id: int, mission_id: str) -> None:
    """Progress as if played before the badges existed (straight through play, no events)."""
    mission = store.pack.missions[mission_id]
    for step in mission.steps:
        if store.kinds[step.kind].scored:
            play.answer(db.session, store.kinds, agent_id, season_id, mission, step.key, right_answer(step))
        else:
            play.go_on(db.session, store.kinds, agent_id, season_id, mission, step.key)


def test_concurrent_events_award_a_badge_once(app, store, world):
    with app.app_context():
        _finish_without_badges(store, world.agent_id, world.season_id, "alle-soorten")
        db.session.commit()
    errors = run_at_once(app, lambda: badges.evaluate(db.session, store.pack, db.session.get(Agent, world.agent_id),
                                                      {MISSION_FINISHED}), 4)
    assert errors == []
    with app.app_context():
        counts = dict(db.session.execute(select(BadgeAward.badge_id, func.count()).group_by(BadgeAward.badge_id)).all())
    assert counts == {"t-missie": 1, "t-spoor": 1, "t-kern": 1, "t-foutloos": 1, "t-foutloos-alle-soorten": 1,
                      "t-eerste": 1}


def test_two_classmates_finishing_at_the_same_moment_make_one_first(app, store, world):
    with app.app_context():
        other = make_agent(db.session, world.class_id, "Dappere Das").id
        for agent_id in (world.agent_id, other):
            _finish_without_badges(store, agent_id, world.season_id, "alle-soorten")
        moment = db.session.scalar(select(MissionProgress.finished_at).where(MissionProgress.agent_id == other))
        for row in db.session.scalars(select(MissionProgress)):
            row.finished_at = moment  # a tie: both meet the rule
        db.session.commit()
    ids = iter([world.agent_id, other] * 2)
    errors = run_at_once(app, lambda: badges.evaluate(db.session, store.pack, db.session.get(Agent, next(ids)),
                                                      {MISSION_FINISHED}), 4)
    assert errors == []
    with app.app_context():
        winners = db.session.scalars(select(BadgeAward.agent_id).where(BadgeAward.badge_id == "t-eerste")).all()
    assert len(winners) == 1


def test_backfill_awards_exactly_those_who_qualify_and_is_idempotent(app, store, world, runner):
    with app.app_context():
        _finish_without_badges(store, world.agent_id, world.season_id, "alle-soorten")
        idle = make_agent(db.session, world.class_id, "Stille Muis").id
        db.session.commit()
    result = runner.invoke(args=["badges", "backfill"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("6 badges awarded")
    with app.app_context():
        rows = set(db.session.execute(select(BadgeAward.agent_id, BadgeAward.badge_id)).all())
    assert rows == {(world.agent_id, badge) for badge in
                    ("t-missie", "t-spoor", "t-kern", "t-foutloos", "t-foutloos-alle-soorten", "t-eerste")}
    assert not any(agent_id == idle for agent_id, _ in rows)
    again = runner.invoke(args=["badges", "backfill"])
    assert again.exit_code == 0 and again.output.startswith("0 badges awarded")


def test_unseen_badges_until_closed(session, store, world):
    agent = session.get(Agent, world.agent_id)
    play_mission(session, store, agent, world.season_id, "alle-soorten")
    assert len(badges.unseen(session, store.pack, agent)) == 6
    badges.mark_seen(session, agent)
    assert badges.unseen(session, store.pack, agent) == []
    room = badges.trophy_room(session, store.pack, agent)
    assert [t.badge.id for t in room if t.awarded_at] and all("agent" in t.badge.audiences for t in room)
    assert {t.badge.id for t in room if not t.awarded_at} == {"t-twee-missies", "t-weken", "t-offline", "t-senior",
                                                              "t-rang", "t-klassenquest", "t-maker"}


def test_insert_unless_present_tells_a_new_row_from_an_existing_one(session, world):
    """The engine trusts this answer to report new badges (PostgreSQL's rowcount cannot be trusted here)."""
    values = {"agent_id": world.agent_id, "badge_id": "t-missie", "awarded_at": utcnow()}
    insert = InsertUnlessPresent(BadgeAward, None)
    assert insert(session, values) is True
    assert insert(session, values) is False
    assert insert.statement(session) is insert.statement(session)  # built once, then reused

"""The boards' sums from the database equal the sums of the per-agent figures the ceremony uses.

Random seasons of agents who did nothing, only answered wrongly, earned XP, finished core missions before or
after the cut-off, had tasks in the real world confirmed (some twice) and played class quests.
"""
from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import event, select

from cyberquest.extensions import db
from cyberquest.models import Agent, MissionProgress, School, SchoolClass, Season, StepResult, XpEntry
from cyberquest.services import board_figures, leaderboards
from cyberquest.services.board_figures import Totals

from .factories import make_agent


def _reference(figures: list[leaderboards.AgentSeason]) -> Totals:
    """The board's rules written out per agent."""
    active = [f for f in figures if f.active]
    missions = sum(f.missions_done for f in active)
    return Totals(sum(f.xp for f in figures), len(active), sum(f.qualified for f in figures),
                  round(missions / len(active), 2) if active else 0.0)


def _random_season(session, world, rng: random.Random) -> Season:
    season = session.get(Season, world.season_id)
    season.cutoff_on = season.starts_on + timedelta(days=150)
    season.core_missions = rng.choice([["alle-soorten"], ["alle-soorten", "klassenquest"]])
    cutoff = datetime.combine(season.cutoff_on, time(12))

    def moment() -> datetime:
        return cutoff + timedelta(days=rng.choice([-30, -1, 0, 1, 20]), minutes=rng.randrange(600))

    classes = [world.class_id, world.other_class_id]
    for name in ("De Bron", "Sterrenwacht"):
        school = School(name=name, municipality_id=rng.choice([world.maastricht_id, world.heerlen_id]))
        session.add(school)
        session.flush()
        school_class = SchoolClass(school_id=school.id, season_id=season.id, name="Groep 6",
                                   class_code=f"R{school.id:05d}")
        session.add(school_class)
        session.flush()
        classes.append(school_class.id)
    _qualified_agent(session, season, rng.choice(classes), cutoff)
    for number in range(40):
        agent = make_agent(session, rng.choice(classes), f"Agent {number}")
        if rng.random() < 0.2:
            continue  # never played
        session.add(StepResult(agent_id=agent.id, season_id=season.id, mission_id="alle-soorten", step_key="klikken",
                               tries=1))
        if rng.random() < 0.6:
            session.add(MissionProgress(agent_id=agent.id, season_id=season.id, mission_id="alle-soorten",
                                        position=3, finished_at=moment() if rng.random() < 0.8 else None))
        for step in ("a", "b")[:rng.randrange(3)]:
            session.add(XpEntry(agent_id=agent.id, season_id=season.id, source_type="mission",
                                source_id="alle-soorten", step_key=step, xp=rng.randrange(0, 30), created_at=moment()))
        for step in ("eerste", "tweede")[:rng.randrange(3)]:  # a task confirmed twice counts once, at its first time
            session.add(XpEntry(agent_id=agent.id, season_id=season.id, source_type="offline",
                                source_id=rng.choice(["buiten", "oma-helpen"]), step_key=step, xp=15,
                                created_at=moment()))
        if rng.random() < 0.5:
            session.add(XpEntry(agent_id=agent.id, season_id=season.id, source_type="class_quest",
                                source_id="klassenquest", step_key="#done", xp=10, created_at=moment()))
    session.flush()
    return season


def _qualified_agent(session, season: Season, class_id: int, cutoff: datetime) -> None:
    """One agent who did every core mission and a task in the real world in time, so each season has one."""
    agent = make_agent(session, class_id, "Agent Q")
    session.add(MissionProgress(agent_id=agent.id, season_id=season.id, mission_id="alle-soorten", position=3,
                                finished_at=cutoff - timedelta(days=2)))
    for source_type, source_id in (("offline", "buiten"), ("class_quest", "klassenquest")):
        session.add(XpEntry(agent_id=agent.id, season_id=season.id, source_type=source_type, source_id=source_id,
                            step_key="#done", xp=10, created_at=cutoff - timedelta(days=1)))


@pytest.mark.parametrize("seed", range(6))
def test_board_sums_equal_the_per_agent_figures(app, world, seed):
    with app.app_context():
        pack = app.extensions["cyberquest.content"].pack
        season = _random_season(db.session, world, random.Random(seed))
        figures = leaderboards.agent_seasons(db.session, pack, season)
        assert any(f.qualified for f in figures) and not all(f.qualified for f in figures if f.active)
        where = dict(db.session.execute(select(SchoolClass.id, SchoolClass.school_id)).all())
        municipality_of = dict(db.session.execute(select(School.id, School.municipality_id)).all())
        for group, key in ((Agent.class_id, lambda f: f.class_id), (SchoolClass.school_id, lambda f: where[f.class_id]),
                           (School.municipality_id, lambda f: municipality_of[where[f.class_id]])):
            expected = defaultdict(list)
            for figure in figures:
                expected[key(figure)].append(figure)
            assert board_figures.per_group(db.session, pack, season, group) == {
                grp: _reference(members) for grp, members in expected.items()}, group
        scope = leaderboards.in_municipalities([world.maastricht_id])
        in_maastricht = leaderboards.agent_seasons(db.session, pack, season, scope)
        expected = defaultdict(list)
        for figure in in_maastricht:
            expected[where[figure.class_id]].append(figure)
        assert board_figures.per_group(db.session, pack, season, SchoolClass.school_id, scope) == {
            school: _reference(members) for school, members in expected.items()}
        db.session.rollback()


def test_tasks_done_in_class_are_read_with_their_kinds_written_into_the_sql(app, world):
    """The database can then see that its small index of those ledger entries applies; as parameters it cannot
    (SQLite never, PostgreSQL not in a prepared statement's generic plan)."""
    statements = []

    def remember(_connection, _cursor, statement, parameters, *_) -> None:
        statements.append((statement, parameters))

    with app.app_context():
        pack = app.extensions["cyberquest.content"].pack
        season = _random_season(db.session, world, random.Random(0))
        event.listen(db.engine, "before_cursor_execute", remember)
        try:
            board_figures.per_group(db.session, pack, season, School.municipality_id)
            leaderboards.agent_seasons(db.session, pack, season)
        finally:
            event.remove(db.engine, "before_cursor_execute", remember)
        db.session.rollback()
    written = [statement for statement, _ in statements if "source_type IN ('offline', 'class_quest')" in statement]
    assert len(written) == 2
    assert not [parameters for _, parameters in statements if "class_quest" in str(parameters)]

"""The missions shipped in modules/: complete, varied, and each playable to the end by the rules."""
from __future__ import annotations

from pathlib import Path

import pytest

from cyberquest.content import load_content
from cyberquest.content.kinds import default_step_kinds
from cyberquest.services import play
from seeds.demo_progress import play_mission

MODULES = Path(__file__).resolve().parent.parent / "modules"
KINDS = default_step_kinds()
PACK = load_content(MODULES, KINDS)


def test_the_programme_has_twelve_missions_of_every_kind():
    missions = list(PACK.missions.values())
    assert len(missions) >= 12
    assert {step.kind for m in missions for step in m.steps} == set(KINDS)
    assert sum(m.is_offline for m in missions) >= 2
    assert all(4 <= len(m.steps) <= 8 for m in missions), [m.id for m in missions if not 4 <= len(m.steps) <= 8]
    assert any(m.core for m in missions) and not any(m.core and m.is_offline for m in missions)
    screens = {step.data["screen"] for m in missions for step in m.steps if step.kind == "hotspot"}
    assert screens == {"whatsapp", "sms", "email", "webshop"}


def test_every_text_has_english_and_every_scored_step_explains():
    assert PACK.warnings == []
    for mission in PACK.missions.values():
        for step in mission.steps:
            if KINDS[step.kind].scored:
                assert step.data["explain"] is not None, (mission.id, step.key)


@pytest.mark.parametrize("mission_id", sorted(PACK.missions))
def test_each_mission_plays_to_the_end_with_the_exact_xp(session, world, mission_id):
    mission = PACK.missions[mission_id]
    play_mission(session, KINDS, world.agent_id, world.season_id, mission, len(mission.steps))
    scored = sum(KINDS[step.kind].scored for step in mission.steps)
    bonus = 0 if mission.is_offline else mission.xp
    assert play.total_xp(session, world.agent_id, world.season_id) == 10 * scored + bonus
    assert play.find_progress(session, world.agent_id, world.season_id, mission.id)[0].finished_at is not None

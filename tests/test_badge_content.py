"""badges.toml in `content check`: unknown rule kinds, references and icons, as FILE: FIELD: REASON."""
from __future__ import annotations

from pathlib import Path

from cyberquest.content import load_content
from cyberquest.content.kinds import default_step_kinds

from .test_content import modules_root  # noqa: F401  (the fixture: a small valid modules root)

ICONS = Path(__file__).resolve().parent.parent / "static" / "badges"
BADGE = '''
[[badge]]
id = "{id}"
title = {{ nl = "Badge", en = "Badge" }}
description = {{ nl = "Zo verdien je hem.", en = "How to earn it." }}
icon = "{icon}"
audience = "{audience}"
rule = {rule}
'''
CASES = [  # (id, icon, audience, rule, field, reason)
    ("goed", "foutloos.svg", "agent", '{ kind = "mission_done", mission = "good" }', None, None),
    ("soort", "foutloos.svg", "agent", '{ kind = "mission_heroes" }', "badge[1].rule.kind", "unknown rule kind"),
    ("missie", "foutloos.svg", "agent", '{ kind = "mission_done", mission = "weg" }', "badge[2].rule.mission",
     "no mission 'weg' is loaded"),
    ("spoor", "foutloos.svg", "agent", '{ kind = "track_done", track = "ruimte" }', "badge[3].rule.track",
     "no track 'ruimte' is loaded"),
    ("cursus", "foutloos.svg", "learner", '{ kind = "course_done", course = "weg" }', "badge[4].rule.course",
     "no course 'weg' is loaded"),
    ("rang", "foutloos.svg", "agent", '{ kind = "rank_reached", rank = "generaal" }', "badge[5].rule.rank",
     "no rank 'generaal' is loaded"),
    ("icoon", "bestaat-niet.svg", "agent", '{ kind = "core_done" }', "badge[6].icon", "no file 'bestaat-niet.svg'"),
    ("teller", "foutloos.svg", "agent", '{ kind = "missions_done" }', "badge[7].rule.count", "is required"),
    ("voor-wie", "foutloos.svg", "learner", '{ kind = "core_done" }', "badge[8].rule.kind",
     "can only be earned by: agent"),
    ("extra", "foutloos.svg", "agent", '{ kind = "core_done", mission = "good" }', "badge[9].rule.mission",
     "unknown key"),
    ("goed", "foutloos.svg", "agent", '{ kind = "core_done" }', "badge[10].id", "duplicate badge id 'goed'"),
]


def test_every_badge_problem_is_reported_with_its_field(modules_root):  # noqa: F811
    text = "".join(BADGE.format(id=i, icon=icon, audience=who, rule=rule) for i, icon, who, rule, _f, _r in CASES)
    (modules_root / "badges.toml").write_text(text, encoding="utf-8")
    pack = load_content(modules_root, default_step_kinds(), ICONS)
    lines = [str(problem) for problem in pack.errors]
    for _id, _icon, _who, _rule, field, reason in CASES[1:]:
        assert any(line.startswith(f"badges.toml: {field}: ") and reason in line for line in lines), (field, lines)
    assert len(lines) == len(CASES) - 1
    assert list(pack.badges) == ["goed"]  # the good badge still loads


def test_the_cli_fails_on_a_broken_badge(modules_root, runner):  # noqa: F811
    (modules_root / "badges.toml").write_text(
        BADGE.format(id="x", icon="foutloos.svg", audience="agent", rule='{ kind = "nope" }'), encoding="utf-8")
    result = runner.invoke(args=["content", "check", str(modules_root)])
    assert result.exit_code == 1
    assert "badges.toml: badge[0].rule.kind: unknown rule kind" in result.output


def test_the_shipped_badges_load_with_their_own_icons():
    modules = Path(__file__).resolve().parent.parent / "modules"
    pack = load_content(modules, default_step_kinds(), ICONS)
    assert [str(problem) for problem in pack.errors] == []
    assert len(pack.badges) >= 20 and len({badge.icon for badge in pack.badges.values()}) >= 20
    for icon in {badge.icon for badge in pack.badges.values()}:
        svg = (ICONS / icon).read_text(encoding="utf-8")
        assert '<title id="title">' in svg and 'role="img"' in svg, icon  # a text alternative in every icon

"""The content loader and `content check`: every problem with file and field, good files still load."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cyberquest.content import load_content
from cyberquest.content.kinds import default_step_kinds
from cyberquest.content.store import ContentStore

MODULES = Path(__file__).resolve().parent.parent / "modules"
KINDS = default_step_kinds()

VALID_MISSION = '''
id = "{id}"
track = "phishing"
order = 1
core = true
xp = 100
title = {{ nl = "Nepmail", en = "Fake mail" }}
intro = {{ nl = "Er komt een mail binnen.", en = "A mail arrives." }}
tip = {{ nl = "Twijfel? Niet klikken.", en = "In doubt? Don't click." }}

[[steps]]
kind = "info"
text = {{ nl = "Lees goed.", en = "Read carefully." }}

[[steps]]
kind = "choice"
id = "klikken"
question = {{ nl = "Klik je op de link?", en = "Do you click the link?" }}
options = [ {{ nl = "Ja", en = "Yes" }}, {{ nl = "Nee", en = "No" }} ]
answer = [1]
'''

BROKEN = {
    "invalid.toml": 'id = "kapot"\ntitle = { nl = "Open',
    "unknown-kind.toml": VALID_MISSION.format(id="unknown-kind").replace('kind = "info"', 'kind = "quiz"'),
    "no-dutch.toml": VALID_MISSION.format(id="no-dutch").replace('title = { nl = "Nepmail", en = "Fake mail" }',
                                                                  'title = { en = "Fake mail" }'),
    "out-of-range.toml": VALID_MISSION.format(id="out-of-range").replace("answer = [1]", "answer = [5]"),
    "no-options.toml": VALID_MISSION.format(id="no-options").replace(
        'options = [ { nl = "Ja", en = "Yes" }, { nl = "Nee", en = "No" } ]', "options = []"),
    "twin-a.toml": VALID_MISSION.format(id="tweeling"),
    "twin-b.toml": VALID_MISSION.format(id="tweeling"),
    "bad-sort.toml": VALID_MISSION.format(id="bad-sort") + '''
[[steps]]
kind = "sort"
question = { nl = "Sorteer", en = "Sort" }
categories = [ { nl = "Veilig", en = "Safe" }, { nl = "Onveilig", en = "Unsafe" } ]
items = [ { text = { nl = "A", en = "A" }, category = 0 }, { text = { nl = "B", en = "B" }, category = 3 } ]
''',
    "unknown-key.toml": VALID_MISSION.format(id="unknown-key") + 'colour = "red"\n',
    "unknown-track.toml": VALID_MISSION.format(id="unknown-track").replace('track = "phishing"', 'track = "ruimte"'),
    "no-english.toml": VALID_MISSION.format(id="no-english").replace(', en = "A mail arrives."', ""),
}
EXPECTED = [
    ("missions/invalid.toml", "-", "invalid TOML"),
    ("missions/unknown-kind.toml", "steps[0].kind", "unknown step kind"),
    ("missions/no-dutch.toml", "title.nl", "Dutch text is required"),
    ("missions/out-of-range.toml", "steps[1].answer", "out of range"),
    ("missions/no-options.toml", "steps[1].options", "at least 2"),
    ("missions/twin-a.toml", "id", "duplicate mission id 'tweeling'"),
    ("missions/twin-b.toml", "id", "duplicate mission id 'tweeling'"),
    ("missions/bad-sort.toml", "steps[2].items[1].category", "no category 3"),
    ("missions/unknown-key.toml", "steps[1].colour", "unknown key"),
    ("missions/unknown-track.toml", "track", "no track 'ruimte'"),
]


@pytest.fixture
def modules_root(tmp_path: Path) -> Path:
    root = tmp_path / "modules"
    (root / "missions").mkdir(parents=True)
    shutil.copy(MODULES / "tracks.toml", root / "tracks.toml")
    shutil.copy(MODULES / "ranks.toml", root / "ranks.toml")
    (root / "missions" / "good.toml").write_text(VALID_MISSION.format(id="good"), encoding="utf-8")
    return root


def test_every_problem_is_reported_and_good_files_still_load(modules_root):
    for name, text in BROKEN.items():
        (modules_root / "missions" / name).write_text(text, encoding="utf-8")
    pack = load_content(modules_root, KINDS)
    found = [str(problem) for problem in pack.errors]
    for file, field, reason in EXPECTED:
        assert any(line.startswith(f"{file}: {field}: ") and reason in line for line in found), (file, field, found)
    assert set(pack.missions) == {"good", "no-english"}
    assert [str(w) for w in pack.warnings] == [
        "missions/no-english.toml: intro.en: warning: English text is missing; Dutch is shown instead"]


def test_cli_exit_codes_and_lines(modules_root, runner):
    clean = runner.invoke(args=["content", "check", str(modules_root)])
    assert clean.exit_code == 0, clean.output
    assert clean.output.strip() == "1 missions, 0 courses, 9 tracks, 4 ranks, 0 badges: 0 errors, 0 warnings"
    (modules_root / "missions" / "out-of-range.toml").write_text(BROKEN["out-of-range.toml"], encoding="utf-8")
    broken = runner.invoke(args=["content", "check", str(modules_root)])
    assert broken.exit_code == 1
    assert "missions/out-of-range.toml: steps[1].answer: option number out of range (0 to 1)" in broken.output
    missing = runner.invoke(args=["content", "check", str(modules_root / "nope")])
    assert missing.exit_code == 2


def test_missing_tracks_and_bad_ranks_are_reported(modules_root):
    (modules_root / "tracks.toml").unlink()
    (modules_root / "ranks.toml").write_text('[[rank]]\nid = "a"\ntitle = { nl = "A" }\nmin_xp = 5\n')
    pack = load_content(modules_root, KINDS)
    lines = [str(problem) for problem in pack.errors]
    assert "tracks.toml: -: file is missing" in lines
    assert "ranks.toml: rank: the first rank must start at min_xp = 0" in lines
    assert "missions/good.toml: track: no track 'phishing' in tracks.toml" in lines


def test_the_shipped_modules_pass_the_check(runner):
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output
    pack = load_content(MODULES, KINDS)
    assert pack.errors == []
    assert [rank.id for rank in pack.ranks] == ["rekruut", "speurder", "junior-agent", "meesterspeurder"]


def test_a_new_mission_file_appears_without_a_code_change(modules_root):
    store = ContentStore(modules_root, KINDS, watch=True)
    assert set(store.pack.missions) == {"good"}
    (modules_root / "missions" / "nieuw.toml").write_text(VALID_MISSION.format(id="nieuw"), encoding="utf-8")
    assert set(store.pack.missions) == {"good", "nieuw"}
    fixed = ContentStore(modules_root, KINDS, watch=False)  # production: read once
    assert set(fixed.pack.missions) == {"good", "nieuw"}
    (modules_root / "missions" / "later.toml").write_text(VALID_MISSION.format(id="later"), encoding="utf-8")
    assert "later" not in fixed.pack.missions


VALID_COURSE = '''
id = "{id}"
title = {{ nl = "Veilig appen", en = "Safe messaging" }}
summary = {{ nl = "U leert nepberichten herkennen.", en = "You learn to spot fake messages." }}
audience = "senior"

[[glossary]]
term = {{ nl = "Phishing", en = "Phishing" }}
meaning = {{ nl = "Een nepbericht.", en = "A fake message." }}

[[lessons]]
id = "herkennen"
title = {{ nl = "Herkennen", en = "Recognising" }}

[[lessons.steps]]
kind = "info"
text = {{ nl = "Lees rustig.", en = "Read calmly." }}

[[lessons.steps]]
kind = "truefalse"
id = "pincode"
statement = {{ nl = "Een bank vraagt nooit om uw pincode.", en = "A bank never asks for your PIN." }}
answer = true
'''


def test_courses_load_with_the_same_checker(modules_root):
    for name, text in {
        "appen": VALID_COURSE.format(id="appen"),
        "kapot": VALID_COURSE.format(id="kapot").replace("answer = true", "answer = 3"),
        "andere-map": VALID_COURSE.format(id="verkeerd"),
        "geen-publiek": VALID_COURSE.format(id="geen-publiek").replace('audience = "senior"', 'audience = "kids"'),
    }.items():
        (modules_root / "courses" / name).mkdir(parents=True)
        (modules_root / "courses" / name / "course.toml").write_text(text, encoding="utf-8")
    pack = load_content(modules_root, KINDS)
    assert set(pack.courses) == {"appen"}
    course = pack.courses["appen"]
    assert [lesson.id for lesson in course.lessons] == ["herkennen"]
    assert [step.key for step in course.lessons[0].steps] == ["0", "pincode"]
    assert course.glossary[0].term.nl == "Phishing"
    lines = [str(problem) for problem in pack.errors]
    assert "courses/kapot/course.toml: lessons[0].steps[1].answer: must be true or false" in lines
    assert "courses/andere-map/course.toml: id: must match its folder name 'andere-map'" in lines
    assert "courses/geen-publiek/course.toml: audience: must be one of: senior" in lines


def test_file_names_in_content_cannot_climb_out_of_their_folder(modules_root):
    """Icons are file names in static/, never paths: a content file cannot point the app at another file."""
    tracks = (modules_root / "tracks.toml").read_text(encoding="utf-8")
    climbing = tracks.replace('icon = "phishing.svg"', 'icon = "../../../etc/passwd.svg"')
    (modules_root / "tracks.toml").write_text(climbing, encoding="utf-8")
    (modules_root / "badges.toml").write_text(
        '[[badge]]\nid = "klimmer"\ntitle = { nl = "Klimmer" }\ndescription = { nl = "Klimt." }\n'
        'icon = "../secrets.svg"\naudience = ["agent"]\nrule = { kind = "core_done" }\n', encoding="utf-8")
    lines = [str(problem) for problem in load_content(modules_root, KINDS).errors]
    assert "tracks.toml: track[0].icon: must be an SVG file name like phishing.svg" in lines
    assert any(line.startswith("badges.toml: badge[0].icon: must be an SVG file name") for line in lines), lines

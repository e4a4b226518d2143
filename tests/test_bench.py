"""The benchmark scripts run and print every figure, at a tiny scale (the real runs are by hand: bench/RESULTS.md)."""
from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from werkzeug.datastructures import MultiDict

from cyberquest.content import load_content
from cyberquest.content.kinds import default_step_kinds
from cyberquest.web.answers import parse

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

from load import database_in_use  # noqa: E402  (bench/ is not a package)
from right_answers import right_answer  # noqa: E402


def test_the_benchmark_children_know_the_right_answer_to_every_step_a_child_types():
    kinds = default_step_kinds()
    pack = load_content(BENCH.parent / "modules", kinds)
    played = [mission for mission in pack.missions.values() if mission.played_alone]
    assert played and not any(mission.class_quest or mission.is_offline for mission in played)
    assert len(played) < len(pack.missions)  # class quests and missions with an offline task are left out
    answered = set()
    for mission in played:
        for step in mission.steps:
            fields = right_answer(pack, mission.id, step.key)
            if step.kind in ("info", "order"):  # nothing to type, or shown in a secret shuffle
                assert fields is None, (mission.id, step.key)
                continue
            assert kinds[step.kind].is_right(step.data, parse(step, MultiDict(fields))), (mission.id, step.key)
            answered.add(step.kind)
    assert answered == {"choice", "truefalse", "hotspot", "sort", "password"}


def test_the_ceremony_benchmark_prints_its_figures():
    result = subprocess.run([sys.executable, str(BENCH / "ceremony_pack.py"), "--children", "25"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "25 consented Cyber Agents (+2 without consent)" in result.stdout
    assert re.search(r"ceremony pack: 25 children invited in \d+\.\d s", result.stdout)
    for name in ("attendees.csv", "certificates.pdf", "invitations.pdf", "programme.html", "programme.pdf",
                 "slides.html", "summary.json"):
        assert re.search(rf"{re.escape(name)}\s+\d+ KiB", result.stdout), name


def test_the_benchmark_region_the_load_run_and_the_growth_run_print_their_figures(tmp_path):
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    env = {**os.environ, "DATABASE_URL": url}
    flask = [sys.executable, "-m", "flask", "--app", "cyberquest"]
    subprocess.run([*flask, "db", "upgrade"], env=env, check=True, capture_output=True, timeout=120)
    seeded = subprocess.run([*flask, "seed", "--bench", "--scale", "0.01"], env=env, capture_output=True, text=True,
                            timeout=300)
    assert seeded.returncode == 0, seeded.stderr
    assert "31 municipalities, 31 schools, 310 classes, 7,750 agents" in seeded.stdout
    again = subprocess.run([*flask, "seed", "--bench", "--scale", "0.01"], env=env, capture_output=True, text=True)
    assert again.returncode == 1 and "already holds the benchmark region" in again.stderr
    with sqlite3.connect(tmp_path / "bench.db") as database:  # the planner knows the tables' statistics
        assert database.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'xp_ledger'").fetchone()[0]
        children = dict(database.execute("SELECT class_code, count(*) FROM agents JOIN classes "
                                         "ON classes.id = agents.class_id GROUP BY class_code").fetchall())
        # 25 on average; the class matrix a benchmark teacher opens (a school's first class) is of 30 (DESIGN §10)
        assert (children["B00001"], children["B00002"], children["B00011"]) == (30, 20, 30)
        database.execute("INSERT INTO board_snapshots (key, signature, computed_at, fresh_until, rows) "
                         "VALUES ('left-from-before', '{}', 0, 9e9, '[]')")
    load = subprocess.run([sys.executable, str(BENCH / "load.py"), "--database-url", url, "--users", "6",
                           "--arrival", "2", "--duration", "3", "--closed-users", "2", "--closed-duration", "3",
                           "--closed-rounds", "2", "--wait", "1", "--stricter-wait", "0.5"],
                          capture_output=True, text=True, timeout=400)
    assert load.returncode == 0, load.stderr
    with sqlite3.connect(tmp_path / "bench.db") as database:  # boards of an earlier run are not served as cold
        assert not database.execute("SELECT 1 FROM board_snapshots WHERE key = 'left-from-before'").fetchall()
    assert f" cores; SQLite file {tmp_path / 'bench.db'}\n" in load.stdout, load.stdout[:300]
    assert re.search(r"cold p50 [\d.]+ ms, p95 [\d.]+ ms, max [\d.]+ ms; warm p50 [\d.]+ ms", load.stdout)
    school_loads = re.findall(r"School load, a child's step \(step page and answer\) every ([\d.]+) s", load.stdout)
    assert school_loads == ["1", "0.5"], load.stdout  # --wait first, then --stricter-wait
    assert load.stdout.count("6 users signing in over the first 2 s") == 2, load.stdout
    assert load.stdout.count("Everyone signed in (3 s)") == 2, load.stdout
    verdicts = re.findall(r" Targets \(p95\): (.+)", load.stdout)
    assert len(verdicts) == 2 and all(
        re.fullmatch(r"step page .+; answer submit .+; municipality board .+; class matrix .+", line)
        for line in verdicts), verdicts
    assert re.search(r"(step page|answer submit) \d+\.\d ms (met|MISSED) \(< 50\)", load.stdout), verdicts
    for page in ("sign-in by card", "mission map", "step page", "answer submit", "municipality board",
                 "class matrix", "coordinator dashboard", "bare Flask hello"):
        assert re.search(rf"  {re.escape(page)}\s+(p50|no requests)", load.stdout), (page, load.stdout)
    closed_loop = load.stdout[load.stdout.index("Closed loop"):]
    rounds = re.findall(r" round (\d)\n  step page +p50.*\n  bare Flask hello +p50", closed_loop)
    assert rounds == ["1", "2"], closed_loop
    assert len(re.findall(r"step page throughput / hello throughput = [\d.]+%", closed_loop)) == 3, closed_loop
    assert re.search(r"Median of 2 rounds: step page throughput / hello throughput = [\d.]+% \(target >= 20%; "
                     r"rounds [\d.]+% to [\d.]+%\)", closed_loop), closed_loop
    growth = subprocess.run([sys.executable, str(BENCH / "growth.py"), url, "--repeats", "5"], capture_output=True,
                            text=True, timeout=120)
    assert growth.returncode == 0, growth.stderr
    assert re.search(r"7,750 agents: step page p50 +[\d.]+ ms p95 +[\d.]+ ms; class matrix p50", growth.stdout)


def test_a_user_who_arrives_while_the_run_stops_leaves_every_phase_with_an_end(tmp_path):
    """locust lets running tasks end after it starts stopping: the last sign-in can finish then. The phases the
    load benchmark reads must all have an end (run in a process of its own: importing locust patches gevent)."""
    script = f"""
import json, sys
sys.path.insert(0, {str(BENCH)!r})
sys.path.insert(0, {str(BENCH.parent)!r})
import locustfile, load
locustfile._everyone_spawned(user_count=1)  # locust started the one user, who is still signing in
locustfile._stopping()
locustfile.ARRIVALS["arrived"] += 1  # the sign-in ends while the run stops
locustfile._start_steady_phase_when_everyone_arrived()
locustfile._write_times()
print(sorted(load._phase_figures(phase) is not None for phase in json.load(open({str(tmp_path / "times.json")!r})).values()))
print(sorted(locustfile.PHASES))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "BENCH_TIMES": str(tmp_path / "times.json")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["[True]", "['arrival']"], result.stdout


def test_every_simulated_child_gets_a_card_of_its_own_while_the_region_has_free_ones():
    """Two children on one card tried a step faster than one child can, and the app refused it as guessing."""
    script = f"""
import sys
sys.path.insert(0, {str(BENCH)!r})
import locustfile
cards = [locustfile._free_card() for _ in range(60)]
print(len(set(cards)), min(cards), max(cards))
print(locustfile._free_card() in set(cards))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "BENCH_CLASSES": "3"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["60 (1, 1) (3, 20)", "True"], result.stdout


def test_a_load_run_says_whether_postgresql_is_reached_over_tcp_or_through_its_socket():
    assert database_in_use("postgresql+psycopg://postgres@127.0.0.1:55432/bench") == \
        "PostgreSQL over TCP at 127.0.0.1:55432"
    assert database_in_use("postgresql+psycopg://cq@/bench?host=/run/postgresql&port=5433") == \
        "PostgreSQL through its Unix socket in /run/postgresql"
    assert database_in_use("postgresql+psycopg:///bench") == \
        "PostgreSQL through its Unix socket in the default directory"
    assert database_in_use("postgresql+psycopg://cq@/bench?host=db.example&port=5433") == \
        "PostgreSQL over TCP at db.example:5433"
    assert database_in_use("sqlite:////tmp/bench.db") == "SQLite file /tmp/bench.db"

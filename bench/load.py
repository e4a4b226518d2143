"""Load benchmark (DESIGN §10): CyberQuest under gunicorn, driven by locust from a second process, on 127.0.0.1.

    .venv/bin/python bench/load.py --database-url URL [--users 400] [--arrival 20] [--duration 120] [--wait 9.2]
        [--stricter-wait 5] [--closed-rounds 5]

The database must hold the benchmark region (`flask --app cyberquest seed --bench`). Three runs:
1. the school load: children playing, teachers on the class matrix, board screens and coordinators,
   arriving over ``--arrival`` seconds and then steady for ``--duration``; p50/p95/p99 and requests per second
   per page, and the targets of DESIGN §10 met or missed. The rare pages (a matrix, a board) get about one
   request a second, so the steady phase is long enough for their p95 to rest on more than two or three
   requests. It runs twice: at DESIGN §10's ≈ 80 requests/s (``--wait``: a step, which is two requests, the step
   page and the answer, every 9.2 s on average), then at the stricter reading of a step every 5 s
   (``--stricter-wait``, ≈ 140 requests/s; 0 leaves it out);
2. the municipality board cold (the first request per municipality after start, with no board kept from an
   earlier run) and warm;
3. closed loop: the step page as fast as it goes, then a bare Flask app under the same gunicorn
   settings, and the ratio of their throughputs; in rounds, the two taken in turns, so that each ratio
   compares runs of the same minutes on a machine whose speed drifts, and the median ratio is printed.
Every run is bounded in time; nothing leaves the machine.
"""
from __future__ import annotations

import argparse
import csv
import http.cookiejar
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
ARRIVAL_PAGES = ("sign-in by card", "staff sign-in", "step page", "answer submit")
PAGES = ("mission map", "step page", "answer submit", "municipality board", "class matrix",
         "coordinator dashboard")
SCHOOL_LOAD_TARGETS = {"step page": 50, "answer submit": 50, "municipality board": 20, "class matrix": 50}  # p95, ms


@dataclass(frozen=True)
class Figures:
    p50: float
    p95: float
    p99: float
    rate: float  # requests per second
    count: int
    failed: int


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(app: str, database_url: str, workers: int, threads: int):
    """The app under the project's gunicorn.conf.py on a free loopback port; yields its base URL."""
    port = _free_port()
    env = {**os.environ, "CYBERQUEST_ENV": "production", "SECRET_KEY": secrets.token_hex(32),
           "DATABASE_URL": database_url, "CYBERQUEST_BIND": f"127.0.0.1:{port}", "CYBERQUEST_WORKERS": str(workers),
           "CYBERQUEST_THREADS": str(threads), "CYBERQUEST_ACCESS_LOG": os.devnull}
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(PROJECT / "gunicorn.conf.py"), app],
                              cwd=BENCH if app.startswith("hello_app") else PROJECT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def locust(base: str, users: list[str], count: int, seconds: int, env: dict, folder: Path,
           arrival: float | None = None) -> dict:
    """Run locust headless for ``seconds``, users arriving over ``arrival`` seconds (a third of the run if not
    given); returns the figures per phase ("arrival",
    while users are still signing in; "steady", after the last one signed in) and per request name, and
    locust's failures under the key "failures"."""
    prefix, times = folder / "stats", folder / "times.json"
    subprocess.run([sys.executable, "-m", "locust", "-f", str(BENCH / "locustfile.py"), *users, "--headless",
                    "-u", str(count), "-r", f"{max(1.0, count / max(1, arrival or seconds / 3)):.1f}", "-t", f"{seconds}s", "-H", base,
                    "--csv", str(prefix), "--only-summary", "--stop-timeout", "5"],
                   env={**os.environ, **env, "BENCH_TIMES": str(times)}, capture_output=True, text=True,
                   timeout=seconds + 120)
    figures = {name: _phase_figures(phase) for name, phase in json.loads(times.read_text()).items()}
    with open(f"{prefix}_failures.csv", newline="") as failures:
        figures["failures"] = list(csv.DictReader(failures))
    return figures


def _phase_figures(phase: dict) -> dict[str, Figures]:
    seconds = max(phase["ended"] - phase["started"], 0.001)

    def figures(times: list[float], failed: int) -> Figures:
        return Figures(_percentile(times, 0.5), _percentile(times, 0.95), _percentile(times, 0.99),
                       len(times) / seconds, len(times), failed)

    result = {name: figures(times, phase["failed"].get(name, 0)) for name, times in phase["times"].items()}
    everything = [value for times in phase["times"].values() for value in times]
    if everything:
        result["all requests"] = figures(everything, sum(phase["failed"].values()))
    return result


def _line(name: str, figures: Figures | None) -> str:
    if figures is None:
        return f"  {name:24} no requests"
    return (f"  {name:24} p50 {figures.p50:5.0f} ms  p95 {figures.p95:5.0f} ms  p99 {figures.p99:5.0f} ms  "
            f"{figures.rate:7.1f} req/s  ({figures.count} requests, {figures.failed} failed)")


def _region(database_url: str) -> dict:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        figures = {
            "classes": connection.execute(text("SELECT count(*) FROM classes WHERE class_code LIKE 'B%'")).scalar(),
            "agents": connection.execute(text("SELECT count(*) FROM agents")).scalar(),
            "municipalities": [row[0] for row in connection.execute(text(
                "SELECT id FROM municipalities ORDER BY id"))],
        }
    engine.dispose()
    return figures


def database_in_use(database_url: str) -> str:
    """How the app reaches its database, for the run's first line: through PostgreSQL's Unix socket it served
    14 % more step pages per second than over TCP (bench/RESULTS.md)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return f"SQLite file {url.database}"
    host = url.host or url.query.get("host")  # as for libpq: a host that is a path names the socket's directory
    if host and not host.startswith("/"):
        return f"PostgreSQL over TCP at {host}:{url.port or url.query.get('port') or 5432}"
    return f"PostgreSQL through its Unix socket in {host or 'the default directory'}"


def forget_boards(database_url: str) -> None:
    """Drop the boards a previous run left in the database, so the first request per board is really cold."""
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM board_snapshots"))
    engine.dispose()


def board_cold_and_warm(base: str, municipalities: list[int], repeats: int) -> tuple[list[float], list[float]]:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def timed(municipality_id: int) -> float:
        started = time.perf_counter()
        opener.open(f"{base}/ranglijst/gemeenten/{municipality_id}").read()
        return (time.perf_counter() - started) * 1000

    cold = [timed(m) for m in municipalities]
    warm = [timed(m) for _ in range(repeats) for m in municipalities]
    return cold, warm


def closed_loop_round(app_base: str, hello_base: str, users: int, seconds: int, env: dict,
                      folder: Path) -> tuple[Figures | None, Figures | None]:
    """One closed loop of the step page (children without think time), then one of bare Flask's hello."""
    closed = locust(app_base, ["Child"], users, seconds, {**env, "BENCH_WAIT": "0"}, folder)
    hello = locust(hello_base, ["Hello"], users, seconds, env, folder)
    return closed.get("steady", {}).get("step page"), hello.get("steady", {}).get("hello")


def school_load(base: str, args: argparse.Namespace, env: dict, folder: Path, wait: float) -> None:
    """One run of the school load: its arrival, its steady phase and the steady phase's targets."""
    stats = locust(base, ["Child", "Teacher", "BoardScreen", "Coordinator"], args.users,
                   args.arrival + args.duration, env, folder, args.arrival)
    arrival, steady = stats["arrival"], stats.get("steady", {})
    print(f"School load, a child's step (step page and answer) every {wait:g} s on average")
    print(f" Arrival: {args.users} users signing in over the first {args.arrival} s (classes starting a lesson):")
    for name in (*ARRIVAL_PAGES, "all requests"):
        print(_line(name, arrival.get(name)))
    print(f" Everyone signed in ({args.duration} s):")
    for name in (*PAGES, "all requests"):
        print(_line(name, steady.get(name)))
    for failure in stats["failures"][:5]:
        print(f"  failed: {failure['Name']}: {failure['Error'][:100]} ({failure['Occurrences']}x)")
    print(" Targets (p95): " + "; ".join(_verdict(name, limit, steady.get(name))
                                         for name, limit in SCHOOL_LOAD_TARGETS.items()))


def _verdict(name: str, limit: int, figures: Figures | None) -> str:
    if figures is None:
        return f"{name} not measured"
    return f"{name} {figures.p95:.1f} ms {'met' if figures.p95 < limit else 'MISSED'} (< {limit})"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--users", type=int, default=400, help="simulated users in the school load")
    parser.add_argument("--arrival", type=int, default=20, help="seconds over which the school load's users arrive")
    parser.add_argument("--duration", type=int, default=120, help="seconds of the school load once everyone arrived")
    parser.add_argument("--closed-users", type=int, default=32)
    parser.add_argument("--closed-duration", type=int, default=20)
    parser.add_argument("--closed-rounds", type=int, default=5, help="closed loops of each app, taken in turns")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))  # as gunicorn.conf.py
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--wait", type=float, default=9.2,
                        help="mean seconds between a child's steps; 9.2 gives DESIGN §10's ≈ 80 requests/s")
    parser.add_argument("--stricter-wait", type=float, default=5.0,
                        help="the same for a second run, at a step every 5 s; 0 leaves it out")
    args = parser.parse_args()
    region = _region(args.database_url)
    if not region["classes"]:
        sys.exit("No benchmark region in this database: run `flask --app cyberquest seed --bench` first.")
    missions = os.environ.get("BENCH_MISSIONS", "hoi-mam,phishing-mail-sms,nep-webshop")
    env = {"BENCH_CLASSES": str(region["classes"]), "BENCH_MISSIONS": missions,
           "BENCH_MUNICIPALITIES": ",".join(map(str, region["municipalities"]))}
    print(f"Region: {region['agents']:,} agents in {region['classes']:,} classes; gunicorn {args.workers} workers "
          f"x {args.threads} threads; {os.cpu_count()} cores; {database_in_use(args.database_url)}")
    forget_boards(args.database_url)
    with tempfile.TemporaryDirectory(prefix="cq-load-") as folder, \
            gunicorn("cyberquest:create_app()", args.database_url, args.workers, args.threads) as base:
        cold, warm = board_cold_and_warm(base, region["municipalities"], 5)
        print("Municipality board (first request per municipality after start = cold):")
        print(f"  cold p50 {statistics.median(cold):.1f} ms, p95 {_percentile(cold, 0.95):.1f} ms, "
              f"max {max(cold):.1f} ms; warm p50 {statistics.median(warm):.1f} ms, "
              f"p95 {_percentile(warm, 0.95):.1f} ms (targets: cold < 500 ms, warm < 20 ms)")
        for wait in (args.wait, args.stricter_wait):
            if wait:
                school_load(base, args, {**env, "BENCH_WAIT": str(wait)}, Path(folder), wait)
        with gunicorn("hello_app:app", args.database_url, args.workers, args.threads) as hello_base:
            rounds = [closed_loop_round(base, hello_base, args.closed_users, args.closed_duration, env, Path(folder))
                      for _ in range(args.closed_rounds)]
    print(f"Closed loop, {args.closed_users} users for {args.closed_duration} s a run; {args.closed_rounds} "
          f"rounds of the step page, then bare Flask:")
    ratios = []
    for number, (closed, hello) in enumerate(rounds, start=1):
        print(f" round {number}")
        print(_line("step page", closed))
        print(_line("bare Flask hello", hello))
        if closed and hello and hello.rate:
            ratios.append(closed.rate / hello.rate)
            print(f"  step page throughput / hello throughput = {ratios[-1]:.1%}")
    if ratios:
        print(f"Median of {len(ratios)} rounds: step page throughput / hello throughput = "
              f"{statistics.median(ratios):.1%} (target >= 20%; rounds {min(ratios):.1%} to {max(ratios):.1%})")


if __name__ == "__main__":
    main()

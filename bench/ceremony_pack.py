"""Ceremony pack benchmark (DESIGN §10: 5,000 children < 60 s from the CLI).

Builds a region with the given number of qualified, consented children (and a tenth more without
consent) in a fresh database, then times `flask --app cyberquest ceremony generate` as a separate
process, the way an admin runs it. Prints the figures; it is not a timed test.

    .venv/bin/python bench/ceremony_pack.py [--children 5000] [--database-url URL]

Without --database-url a temporary SQLite file is used; a PostgreSQL URL must name an empty database.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, time as clock
from pathlib import Path

from faker import Faker
from flask import current_app
from sqlalchemy import insert, select

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from cyberquest import create_app, schema  # noqa: E402
from cyberquest.extensions import db  # noqa: E402
from cyberquest.models import (Agent, Ceremony, CeremonyConsent, MissionProgress, Municipality, School,  # noqa: E402
                               SchoolClass, XpEntry)
from cyberquest.services.secrets import hash_secret  # noqa: E402
from cyberquest.services.seasons import core_mission_ids, create_season, start_year_of  # noqa: E402
from seeds.reference import load_reference  # noqa: E402

SCHOOLS_PER_MUNICIPALITY = 6


def build_region(children: int) -> tuple[str, int]:
    """The season's code and the ceremony's id, after bulk-inserting the region."""
    fake = Faker("nl_NL")
    Faker.seed(2026)
    load_reference(db.session)
    season = create_season(db.session, start_year_of(date.today()))
    store = current_app.extensions["cyberquest.content"]
    core = sorted(core_mission_ids(season, store.pack.missions))
    offline = next(m.id for m in store.pack.missions.values() if m.is_offline)
    municipalities = list(db.session.scalars(select(Municipality).order_by(Municipality.name)))
    classes = []
    for municipality in municipalities:
        municipality.mayor_name = f"{fake.first_name()[0]}. {fake.last_name()}"
        municipality.joined_on = season.starts_on
        for number in range(SCHOOLS_PER_MUNICIPALITY):
            school = School(name=f"Basisschool {fake.last_name()} {number + 1}", municipality=municipality)
            school_class = SchoolClass(school=school, season_id=season.id, name="Groep 7",
                                       class_code=f"B{municipality.id:02d}{number:02d}")
            db.session.add(school_class)
            classes.append(school_class)
    db.session.flush()
    total = children + children // 10  # a tenth have no consent: counted, never named
    pin = hash_secret("1234", "fast")
    db.session.execute(insert(Agent), [
        {"class_id": classes[n % len(classes)].id, "agent_name": f"Agent {n}", "name_key": f"agent {n}",
         "pin_hash": pin} for n in range(total)])
    ids = list(db.session.scalars(select(Agent.id).order_by(Agent.id)))
    done = datetime.combine(season.cutoff_on, clock(9, 0))
    db.session.execute(insert(MissionProgress), [
        {"agent_id": agent_id, "season_id": season.id, "mission_id": mission_id, "position": 1, "finished_at": done}
        for agent_id in ids for mission_id in core])
    db.session.execute(insert(XpEntry), [
        {"agent_id": agent_id, "season_id": season.id, "source_type": "offline", "source_id": offline,
         "step_key": "#done", "xp": 100, "created_at": done} for agent_id in ids])
    db.session.execute(insert(CeremonyConsent), [
        {"agent_id": agent_id, "season_id": season.id, "display_name": f"{fake.first_name()} {fake.last_name()[0]}.",
         "recorded_at": done} for agent_id in ids[:children]])
    ceremony = Ceremony(season_id=season.id, name="Limburgse Cyber Agents", held_on=season.cutoff_on.replace(day=20),
                        starts_at=clock(8, 0), venue_name="MECC Maastricht", venue_address="Forum 100, Maastricht",
                        capacity=600, minutes_per_child=0.1, minutes_per_mayor=4, break_minutes=15,
                        municipality_ids=[m.id for m in municipalities], mayors={})
    db.session.add(ceremony)
    db.session.commit()
    return season.code, ceremony.id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=5000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cq-bench-") as folder:
        run(args, Path(folder))


def run(args: argparse.Namespace, work: Path) -> None:
    url = args.database_url or f"sqlite:///{work / 'bench.db'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    started = time.perf_counter()
    with app.app_context():
        schema.upgrade(db.engine, "head")
        season_code, ceremony_id = build_region(args.children)
    print(f"region built: {args.children} consented Cyber Agents (+{args.children // 10} without consent) "
          f"in {time.perf_counter() - started:.1f} s")
    out = work / "pack"
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "cyberquest", "ceremony", "generate",
                             "--season", season_code, "--ceremony", str(ceremony_id), "--out", str(out)],
                            env={**os.environ, "DATABASE_URL": url}, cwd=PROJECT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"ceremony generate failed:\n{result.stdout}{result.stderr}")
    summary = json.loads((out / "summary.json").read_text())
    print(f"ceremony pack: {summary['totals']['invited']} children invited in {seconds:.1f} s "
          f"(target < 60 s) on {os.cpu_count()} cores")
    for path in sorted(out.iterdir()):
        print(f"  {path.name:18} {path.stat().st_size / 1024:9.0f} KiB")


if __name__ == "__main__":
    main()

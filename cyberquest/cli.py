"""Flask commands: ``db``, ``seed``, ``create-admin``, ``content check``, ``badges backfill``, ``ceremony generate``,
``retention run`` (DESIGN §9)."""
from __future__ import annotations

import sys
import time
from datetime import date, datetime
from pathlib import Path

import click
from alembic import command as alembic_command
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from seeds.bench import BENCH_PASSWORD, has_bench_data, seed_bench, update_planner_statistics
from seeds.bench import PIN as BENCH_PIN
from seeds.demo import DEMO_LOGINS, has_demo_data, seed_demo
from seeds.reference import load_reference

from . import schema
from .content import load_content
from .extensions import db
from .models import Ceremony, Season, StaffUser
from .services import accounts, badges, ceremony_pack, ceremony_schedule, retention

ACCOUNT_REASONS = {
    "email_taken": "there is already an account with this e-mail address",
    "too_short": "the password must be at least 10 characters",
    "too_guessable": "the password is too easy to guess; use a sentence of a few words",
}


def _require_migrated() -> None:
    if not schema.is_up_to_date(db.engine):
        click.echo("The database is not migrated (or not to the newest version). "
                   "Run `flask --app cyberquest db upgrade` first.", err=True)
        sys.exit(1)


@click.group("db", help="Database schema (Alembic migrations).")
def db_group() -> None:
    pass


@db_group.command("upgrade", help="Migrate the database to the newest schema.")
@with_appcontext
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    if not schema.is_up_to_date(db.engine):
        backup = schema.backup_sqlite(db.engine, datetime.now())
        if backup is not None:
            click.echo(f"Backup before the upgrade: {backup} (to restore it, see the README, \"Upgrading\").")
    schema.upgrade(db.engine, revision)
    click.echo(f"Database at {revision}.")


@db_group.command("downgrade", help="Step the schema back (developers).")
@with_appcontext
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    schema.run_alembic(db.engine, alembic_command.downgrade, revision)


@db_group.command("revision", help="Write a new migration from the models (developers).")
@with_appcontext
@click.option("-m", "--message", required=True)
def db_revision(message: str) -> None:
    schema.run_alembic(db.engine, alembic_command.revision, message=message, autogenerate=True)


@click.command("seed", help="Load Limburg's municipalities; with --demo also the demo region.")
@click.option("--demo", is_flag=True, help="Add the demo region with the README's demo logins.")
@click.option("--if-empty", is_flag=True, help="Add demo data only when no staff account exists yet.")
@click.option("--bench", is_flag=True, help="Add the benchmark region of DESIGN §10 (bench/RESULTS.md).")
@click.option("--scale", type=click.FloatRange(0.001, 1.0), default=1.0, show_default=True,
              help="With --bench: a smaller region, e.g. 0.1 for 10,000 agents.")
@with_appcontext
def seed(demo: bool, if_empty: bool, bench: bool, scale: float) -> None:
    _require_migrated()
    load_reference(db.session)
    if bench:
        _seed_bench(scale)
        return
    if demo:
        has_staff = db.session.scalar(select(StaffUser.id).limit(1)) is not None
        if if_empty and has_staff and not has_demo_data(db.session):
            click.echo("The database already has accounts; demo data not added.")
        else:
            store = current_app.extensions["cyberquest.content"]
            seed_demo(db.session, date.today(), store.pack, store.kinds)
    db.session.commit()
    click.echo("Limburg's 31 municipalities are loaded.")
    if has_demo_data(db.session):
        click.echo("\nDemo logins (demo data only):")
        for login in DEMO_LOGINS:
            click.echo(f"  {login.role:<26} {login.how}")


def _seed_bench(scale: float) -> None:
    if has_bench_data(db.session):
        click.echo("This database already holds the benchmark region; nothing added.", err=True)
        sys.exit(1)
    store = current_app.extensions["cyberquest.content"]
    started = time.perf_counter()
    figures = seed_bench(db.session, store.pack, store.kinds, scale, date.today())
    db.session.commit()
    update_planner_statistics(db.session)
    db.session.commit()
    click.echo("Benchmark region: " + ", ".join(f"{count:,} {name}" for name, count in figures.items())
               + f" in {time.perf_counter() - started:.0f} s.")
    click.echo("Agents: class code B00001 and up, names 'Agent 1' to 'Agent 30' (B00001, B00003, …) or 'Agent 20', "
               f"PIN {BENCH_PIN}; "
               f"staff: teacher1@bench.example.org and up, password '{BENCH_PASSWORD}'.")


@click.command("create-admin", help="Create an admin account for a real install.")
@click.argument("email")
@click.option("--name", default="Beheerder", show_default=True)
@click.password_option(help="Asked for when not given.")
@with_appcontext
def create_admin(email: str, name: str, password: str) -> None:
    _require_migrated()
    try:
        accounts.create_admin(db.session, email, name, password)
    except accounts.AccountError as error:
        click.echo(f"Not created: {ACCOUNT_REASONS.get(error.code, error.code)}.", err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"Admin {email} created. Set up the authenticator app at the first sign-in.")


@click.group("content", help="Content packs (missions, courses, tracks, ranks, badges).")
def content_group() -> None:
    pass


@content_group.command("check", help="Validate a modules root (default: the project's modules/).")
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@with_appcontext
def content_check(path: Path | None) -> None:
    store = current_app.extensions["cyberquest.content"]
    pack = load_content(path or store.root, store.kinds, store.badge_icons)
    for problem in pack.problems:
        click.echo(str(problem))
    summary = (f"{len(pack.missions)} missions, {len(pack.courses)} courses, {len(pack.tracks)} tracks, "
               f"{len(pack.ranks)} ranks, {len(pack.badges)} badges: "
               f"{len(pack.errors)} errors, {len(pack.warnings)} warnings")
    click.echo(summary)
    sys.exit(1 if pack.errors else 0)


@click.group("badges", help="Badges from modules/badges.toml.")
def badges_group() -> None:
    pass


@badges_group.command("backfill", help="Award every badge to everyone who already met its rule (safe to repeat).")
@with_appcontext
def badges_backfill() -> None:
    _require_migrated()
    pack = current_app.extensions["cyberquest.content"].pack
    if pack.errors:
        click.echo("The content has errors; run `flask --app cyberquest content check` first.", err=True)
        sys.exit(1)
    awarded = badges.backfill(db.session, pack)
    click.echo(f"{awarded} badges awarded ({len(pack.badges)} badges checked).")


@click.group("ceremony", help="The yearly award ceremony (DESIGN §6).")
def ceremony_group() -> None:
    pass


@ceremony_group.command("generate", help="Write the ceremony pack of a season to a folder.")
@click.option("--season", "season_code", required=True, help="e.g. 2026-2027")
@click.option("--ceremony", "ceremony_id", type=int, help="Needed when the season has more than one ceremony.")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--save", is_flag=True, help="Keep this schedule as the ceremony's schedule (a dry run otherwise).")
@click.option("--force", is_flag=True, help="Replace a non-empty output folder.")
@click.option("--lang", "language", type=click.Choice(ceremony_pack.LANGUAGES), default="nl", show_default=True,
              help="The language of the pack.")
@with_appcontext
def ceremony_generate(season_code: str, ceremony_id: int | None, out: Path, save: bool, force: bool,
                      language: str) -> None:
    _require_migrated()
    season = db.session.scalar(select(Season).where(Season.code == season_code))
    if season is None:
        click.echo(f"There is no season {season_code}.", err=True)
        sys.exit(1)
    query = select(Ceremony).where(Ceremony.season_id == season.id).order_by(Ceremony.id)
    if ceremony_id is not None:
        query = query.where(Ceremony.id == ceremony_id)
    found = list(db.session.scalars(query))
    if not found:
        click.echo(f"Season {season_code} has no ceremony{' ' + str(ceremony_id) if ceremony_id else ''}. "
                   "Create one first (admin, Ceremonies).", err=True)
        sys.exit(1)
    if len(found) > 1:
        click.echo("This season has several ceremonies; choose one with --ceremony "
                   + ", ".join(f"{c.id} ({c.name})" for c in found), err=True)
        sys.exit(2)
    store = current_app.extensions["cyberquest.content"]
    try:
        outcome = ceremony_pack.generate(db.session, store.pack, found[0], out, force=force, language=language,
                                         save=save)
    except ceremony_pack.PackError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    db.session.commit()
    totals = outcome.summary["totals"]
    click.echo(f"Pack written to {out}: {totals['invited']} children invited of {totals['qualified']} Cyber Agents "
               f"({totals['consented']} with consent, {totals['new_cyber_agents']} new Cyber Agents).")
    if found[0].saved_schedule is not None:
        click.echo("Changes since the saved running order:" if outcome.changes else
                   "Nothing changed since the saved running order.")
    for change in outcome.changes:
        click.echo("  " + _describe(change))
    click.echo("This running order is saved: the next run keeps its times where there is room." if save else
               "Dry run: the running order is not saved (use --save to keep it).")


def _describe(change: ceremony_schedule.Change) -> str:
    where = f"{change.count} from {change.school} ({change.municipality})"
    if change.kind == "added":
        return f"added: {where}, session {change.after}"
    if change.kind == "removed":
        return f"removed: {where}, was session {change.before}"
    return f"moved: {where}, session {change.before} -> session {change.after}"


@click.group("retention", help="The automatic erasures of the privacy rules (DESIGN §7).")
def retention_group() -> None:
    pass


@retention_group.command("run", help="Erase what the privacy rules no longer allow to keep; run once a day.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="The day to judge by (default: today).")
@with_appcontext
def retention_run(today) -> None:
    _require_migrated()
    day = today.date() if today else date.today()
    report = retention.run(db.session, day, ceremony_pack.packs_root(current_app.instance_path),
                           schema.sqlite_file(db.engine))
    db.session.commit()
    click.echo(f"Retention on {day.isoformat()}: {report.names} consented names and {report.notes} private notes "
               f"erased, {report.packs} ceremony packs deleted, {report.agents} inactive agent accounts erased, "
               f"{report.backups} upgrade backups deleted.")


def register(app: Flask) -> None:
    for command in (db_group, seed, create_admin, content_group, badges_group, ceremony_group, retention_group):
        app.cli.add_command(command)

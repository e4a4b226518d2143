"""The ceremony pack (DESIGN §6): who comes, in what order, and the files made from that.

Only qualified children whose parents consented get a seat, a certificate or an invitation, and
only their consented name (first name + initial) is printed; the others are counted. A running
order saved earlier (``--save``) is kept where there is room, and what changed is reported per
school. The pack is written to a temporary folder next to the target and moved into place only
when complete.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..content import ContentPack
from ..models import Agent, Ceremony, CeremonyConsent, Municipality, School, SchoolClass, Season
from . import ceremony_documents as documents
from . import retention
from .ceremony_schedule import Change, Child, Settings, changes, from_saved, schedule, to_saved
from .leaderboards import AgentSeason, agent_seasons, in_municipalities

LANGUAGES = ("nl", "en")


def packs_root(instance_path: str) -> Path:
    """Where the admin's button writes packs (one folder per job); retention deletes them after 90 days."""
    return Path(instance_path) / "ceremony-packs"
OFFLINE = "offline"  # the near-miss reason "only the task in the real world is missing"


class PackError(ValueError):
    """The pack cannot be written (e.g. a non-empty output folder without --force)."""


@dataclass(frozen=True)
class Count:
    qualified: int = 0
    consented: int = 0
    new: int = 0  # Cyber Agents for the first time; counted only when the pack is made

    def __add__(self, other: Count) -> Count:
        return Count(self.qualified + other.qualified, self.consented + other.consented, self.new + other.new)


@dataclass
class Plan:
    """Everything a pack is made of, before any file is written: also the admin's preview."""

    children: list[Child]
    per_municipality: dict[str, Count]
    per_school: dict[tuple[str, str], Count]
    near_misses: dict[tuple[str, str], Counter]  # per school: one thing missing -> how many children
    mayors: dict[str, str]
    sessions: list
    problems: list[str]
    missions_completed: int  # in the season, by the children of the taking part municipalities
    missing_mayors: list[str] = field(default_factory=list)  # municipalities with invited children, no mayor
    changes: list[Change] = field(default_factory=list)  # since the saved running order

    def school_rows(self, municipality: str | None = None) -> list[tuple[str, str, Count | None, Counter]]:
        """(municipality, school, counts, near misses) for every school with Cyber Agents or near misses."""
        keys = sorted({key for key in (*self.per_school, *self.near_misses)
                       if municipality is None or key[0] == municipality})
        return [(m, s, self.per_school.get((m, s)), self.near_misses.get((m, s), Counter())) for m, s in keys]


def _near_miss(figure: AgentSeason) -> str | None:
    """The one thing a child still misses, when it is exactly one."""
    if figure.qualified or len(figure.missing_core) + figure.needs_offline != 1:
        return None
    return figure.missing_core[0] if figure.missing_core else OFFLINE


def _people(session: Session, ceremony: Ceremony, figures: list[AgentSeason], earlier: set[int]):
    """The seated children; per municipality and school the counts; per school the near misses."""
    qualified = {f.agent_id for f in figures if f.qualified}
    near = {f.agent_id: reason for f in figures if (reason := _near_miss(f))}
    consents = {c.agent_id: c.display_name for c in session.scalars(select(CeremonyConsent).where(
        CeremonyConsent.season_id == ceremony.season_id, CeremonyConsent.display_name.is_not(None)))}
    rows = session.execute(
        select(Agent.id, School.name, Municipality.name).join(SchoolClass, SchoolClass.id == Agent.class_id)
        .join(School).join(Municipality).where(Municipality.id.in_(ceremony.municipality_ids)))
    children, per_municipality, per_school, near_misses = [], {}, {}, {}
    for agent_id, school, municipality in rows:
        if agent_id in near:
            near_misses.setdefault((municipality, school), Counter())[near[agent_id]] += 1
        if agent_id not in qualified:
            continue
        named = consents.get(agent_id)
        one = Count(1, named is not None, agent_id not in earlier)
        per_municipality[municipality] = per_municipality.get(municipality, Count()) + one
        per_school[municipality, school] = per_school.get((municipality, school), Count()) + one
        if named:
            children.append(Child(agent_id, named, school, municipality))
    return children, per_municipality, per_school, near_misses


def _earlier_cyber_agents(session: Session, pack: ContentPack, season: Season, scope) -> set[int]:
    """Children who already qualified in an earlier season: this season's others are new Cyber Agents."""
    earlier: set[int] = set()
    for past in session.scalars(select(Season).where(Season.starts_on < season.starts_on)):
        earlier.update(f.agent_id for f in agent_seasons(session, pack, past, scope) if f.qualified)
    return earlier


def _mayors(session: Session, ceremony: Ceremony) -> dict[str, str]:
    names = {}
    for municipality in session.scalars(select(Municipality).where(Municipality.id.in_(ceremony.municipality_ids))):
        names[municipality.name] = ceremony.mayors.get(str(municipality.id)) or municipality.mayor_name or ""
    return names


def _settings(ceremony: Ceremony) -> Settings:
    return Settings(datetime.combine(ceremony.held_on, ceremony.starts_at), ceremony.capacity,
                    ceremony.minutes_per_child, ceremony.minutes_per_mayor, ceremony.break_minutes)


def plan(session: Session, pack: ContentPack, ceremony: Ceremony, *, count_new: bool = False) -> Plan:
    """``count_new`` also looks through earlier seasons, for the summary's new Cyber Agents."""
    scope = in_municipalities(ceremony.municipality_ids)
    figures = agent_seasons(session, pack, ceremony.season, scope)
    earlier = _earlier_cyber_agents(session, pack, ceremony.season, scope) if count_new else set()
    children, per_municipality, per_school, near_misses = _people(session, ceremony, figures, earlier)
    mayors = _mayors(session, ceremony)
    sessions = schedule(children, mayors, _settings(ceremony), from_saved(ceremony.saved_schedule))
    problems = []
    largest = max((count.consented for count in per_school.values()), default=0)
    if largest > ceremony.capacity:
        problems.append("capacity_below_school")
    if sessions and sessions[-1].end.date() != ceremony.held_on:
        problems.append("ends_after_midnight")
    missing_mayors = sorted({child.municipality for child in children if not mayors.get(child.municipality)})
    if missing_mayors:
        problems.append("mayor_missing")
    return Plan(children, per_municipality, per_school, near_misses, mayors, sessions, problems,
                sum(f.missions_done for f in figures), changes=changes(ceremony.saved_schedule, sessions),
                missing_mayors=missing_mayors)


def taking_part(session: Session, season_id: int, municipality_id: int) -> list[Ceremony]:
    """The season's ceremonies that a municipality takes part in, earliest first."""
    return [ceremony for ceremony in session.scalars(select(Ceremony).where(Ceremony.season_id == season_id)
                                                     .order_by(Ceremony.held_on, Ceremony.id))
            if municipality_id in ceremony.municipality_ids]


def seats(result: Plan, agent_ids: set[int]):
    """(session, block, child) of the given children in a running order."""
    return [(s, block, child) for s in result.sessions for block in s.blocks for child in block.children
            if child.agent_id in agent_ids]


def _summary(ceremony: Ceremony, result: Plan) -> dict:
    def counts(count: Count) -> dict:
        return {"qualified": count.qualified, "consented": count.consented, "invited": count.consented,
                "new_cyber_agents": count.new}

    return {
        "ceremony": ceremony.name, "season": ceremony.season.code, "date": ceremony.held_on.isoformat(),
        "totals": {**counts(sum(result.per_municipality.values(), Count())),
                   "missions_completed": result.missions_completed},
        "municipalities": {name: counts(count) for name, count in sorted(result.per_municipality.items())},
        "schools": [{"municipality": m, "school": s, **counts(count)} for (m, s), count in sorted(result.per_school.items())],
    }


@dataclass(frozen=True)
class Outcome:
    summary: dict
    changes: list[Change]


def generate(session: Session, pack: ContentPack, ceremony: Ceremony, out: Path, *, force: bool = False,
             language: str = "nl", save: bool = False) -> Outcome:
    """Write the whole pack to ``out``. Refuses a non-empty ``out`` unless ``force``; ``save`` keeps the
    running order as the ceremony's (the caller commits), so a dry run changes nothing."""
    if out.exists() and any(out.iterdir()) and not force:
        raise PackError(f"{out} is not empty; use --force to replace it")
    if language not in LANGUAGES:
        raise PackError(f"unknown language {language}; choose one of {', '.join(LANGUAGES)}")
    result = plan(session, pack, ceremony, count_new=True)
    if result.problems:
        raise PackError("the ceremony set-up has problems: " + ", ".join(result.problems)
                        + (f" (no mayor for {', '.join(result.missing_mayors)})" if result.missing_mayors else ""))
    summary, sessions = _summary(ceremony, result), result.sessions
    with force_locale(language):
        files = {
            "programme.html": documents.programme_html(ceremony, sessions, language),
            "slides.html": documents.slides_html(ceremony, sessions, language),
            "attendees.csv": documents.attendees_csv(sessions),
            "summary.json": json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True),
            "programme.pdf": documents.programme_pdf(ceremony, sessions),
            "certificates.pdf": documents.certificates(ceremony, sessions, result.mayors),
            "invitations.pdf": documents.invitations(ceremony, sessions),
        }
    _write_atomically(out, files)
    if save:
        ceremony.saved_schedule = {"saved_on": date.today().isoformat(), "totals": summary["totals"],
                                   **to_saved(sessions)}
    return Outcome(summary, result.changes)


def _write_atomically(out: Path, files: dict[str, str | bytes]) -> None:
    """The pack appears at ``out`` whole or not at all: written in a hidden folder next to it and renamed into
    place; a pack it replaces is renamed away first and deleted last. A process killed on the way leaves only
    hidden ``.ceremony-*`` folders, never a partial pack under the real name; the next run next to it removes
    those more than a day old (they may hold names), wherever the folder is."""
    out.parent.mkdir(parents=True, exist_ok=True)
    retention.delete_leftovers(date.today(), out.parent)
    staging = Path(tempfile.mkdtemp(prefix=".ceremony-", dir=out.parent))
    for name, body in files.items():
        (staging / name).write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    retired = None
    if out.exists():
        retired = Path(tempfile.mkdtemp(prefix=".ceremony-old-", dir=out.parent))
        out.rename(retired / out.name)
    staging.rename(out)
    if retired is not None:
        shutil.rmtree(retired)

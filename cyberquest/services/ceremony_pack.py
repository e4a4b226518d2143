"""The ceremony pack (DESIGN §6): programme, certificates, invitations, slides, lists and a summary.

Only qualified children whose parents consented get a seat, a certificate or an invitation, and
only their consented name (first name + initial) is printed; the others are counted. The pack is
written to a temporary folder next to the target and moved into place only when complete.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from jinja2 import Environment
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..content import ContentPack
from ..models import Agent, Ceremony, CeremonyConsent, Municipality, School, SchoolClass
from .cards_pdf import FIXED_DATE, unicode_font
from .ceremony_schedule import Child, Settings, schedule
from .leaderboards import AgentSeason, agent_seasons

BADGE_ART = Path(__file__).resolve().parents[2] / "static" / "badges" / "basistraining.svg"
TITLE = re.compile(r"<title[^>]*>.*?</title>", re.S)
RULES = ("Gemeenten van groot naar klein (gelijk: op alfabet), elk in de eerste sessie met plaats voor alle "
         "kinderen; een gemeente die groter is dan een sessie krijgt eigen sessies, verdeeld per school. "
         "Scholen en kinderen op alfabet. Elk blok begint met het woord van de burgemeester.")


class PackError(ValueError):
    """The pack cannot be written (e.g. a non-empty output folder without --force)."""


@dataclass(frozen=True)
class Count:
    qualified: int = 0
    consented: int = 0


def _people(session: Session, ceremony: Ceremony, figures: list[AgentSeason]) -> tuple[list[Child], dict, dict]:
    """The seated children, and per municipality and per school the numbers qualified and consented."""
    qualified = {f.agent_id: f for f in figures if f.qualified}
    consents = {c.agent_id: c.display_name for c in session.scalars(select(CeremonyConsent).where(
        CeremonyConsent.agent_id.in_(qualified), CeremonyConsent.display_name.is_not(None)))}
    rows = session.execute(
        select(Agent.id, School.name, Municipality.name).join(SchoolClass, SchoolClass.id == Agent.class_id)
        .join(School).join(Municipality).where(Agent.id.in_(qualified),
                                               Municipality.id.in_(ceremony.municipality_ids)))
    children, per_municipality, per_school = [], {}, {}
    for agent_id, school, municipality in rows:
        named = consents.get(agent_id)
        for table, key in ((per_municipality, municipality), (per_school, (municipality, school))):
            count = table.get(key, Count())
            table[key] = Count(count.qualified + 1, count.consented + (named is not None))
        if named:
            children.append(Child(agent_id, named, school, municipality))
    return children, per_municipality, per_school


def _mayors(session: Session, ceremony: Ceremony) -> dict[str, str]:
    names = {}
    for municipality in session.scalars(select(Municipality).where(Municipality.id.in_(ceremony.municipality_ids))):
        names[municipality.name] = ceremony.mayors.get(str(municipality.id)) or municipality.mayor_name or ""
    return names


def _settings(ceremony: Ceremony) -> Settings:
    return Settings(datetime.combine(ceremony.held_on, ceremony.starts_at), ceremony.capacity,
                    ceremony.minutes_per_child, ceremony.minutes_per_mayor, ceremony.break_minutes)


PROGRAMME = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{{ c.name }}</title></head><body>
<h1>{{ c.name }}</h1><p>{{ c.held_on.isoformat() }} · {{ c.venue_name }}, {{ c.venue_address }}</p>
{% for s in sessions %}<section><h2>Sessie {{ s.number }} ({{ s.start.strftime('%H:%M') }}–{{ s.end.strftime('%H:%M') }})</h2>
{% for b in s.blocks %}<h3>{{ b.municipality }} ({{ b.start.strftime('%H:%M') }}–{{ b.end.strftime('%H:%M') }}), burgemeester {{ b.mayor }}</h3>
<ul>{% for school, kids in b.schools() %}<li>{{ school }}: {{ kids|length }} Cyber Agents</li>{% endfor %}</ul>{% endfor %}</section>{% endfor %}
<footer><p>{{ rules }}</p></footer></body></html>"""
SLIDES = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{{ c.name }}: dia's</title></head><body>
{% for s in sessions %}{% for b in s.blocks %}<section><h1>{{ b.municipality }}</h1>
{% for kid in b.children %}<article><h2>{{ kid.name }}</h2><p>{{ kid.school }}</p><p>Cyber Agent</p></article>{% endfor %}
</section>{% endfor %}{% endfor %}</body></html>"""


def _pdf(title: str) -> tuple[FPDF, str]:
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(title)
    return pdf, unicode_font(pdf)


def _certificates(ceremony: Ceremony, sessions, mayors: dict[str, str]) -> bytes:
    pdf, font = _pdf(f"Certificaten {ceremony.name}")
    art = TITLE.sub("", BADGE_ART.read_text(encoding="utf-8")).encode()  # the PDF library skips <title> noisily
    for session in sessions:
        for block in session.blocks:
            for child in block.children:
                pdf.add_page()
                pdf.image(io.BytesIO(art), x=80, y=30, w=50)
                pdf.set_y(95)
                pdf.set_font(font, "B", 28)
                pdf.cell(0, 14, "Certificaat Cyber Agent", align="C", new_x="LMARGIN", new_y="NEXT")
                pdf.set_font(font, "B", 24)
                pdf.cell(0, 16, child.name, align="C", new_x="LMARGIN", new_y="NEXT")
                pdf.set_font(font, "", 14)
                for line in (child.school, f"Gemeente {child.municipality}", ceremony.held_on.strftime("%d-%m-%Y"),
                             f"Burgemeester {mayors.get(child.municipality, '')}"):
                    pdf.cell(0, 9, line, align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _invitations(ceremony: Ceremony, sessions) -> bytes:
    pdf, font = _pdf(f"Uitnodigingen {ceremony.name}")
    for session in sessions:
        for block in session.blocks:
            for child in block.children:
                pdf.add_page()
                pdf.set_font(font, "B", 18)
                pdf.multi_cell(0, 9, f"Uitnodiging: {ceremony.name}", new_x="LMARGIN", new_y="NEXT")
                pdf.set_font(font, "", 12)
                for line in (f"Voor: {child.name} ({child.school})",
                             f"Datum: {ceremony.held_on.strftime('%d-%m-%Y')}",
                             f"Sessie {session.number}, graag aanwezig om {session.start.strftime('%H:%M')}; "
                             f"jouw gemeente is aan de beurt om {block.start.strftime('%H:%M')}.",
                             f"Plaats: {ceremony.venue_name}, {ceremony.venue_address}"):
                    pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _programme_pdf(ceremony: Ceremony, sessions) -> bytes:
    pdf, font = _pdf(f"Programma {ceremony.name}")
    pdf.add_page()
    pdf.set_font(font, "B", 18)
    pdf.multi_cell(0, 9, ceremony.name, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(font, "", 11)
    pdf.multi_cell(0, 6, f"{ceremony.held_on.strftime('%d-%m-%Y')} · {ceremony.venue_name}, {ceremony.venue_address}",
                   new_x="LMARGIN", new_y="NEXT")
    for session in sessions:
        pdf.ln(3)
        pdf.set_font(font, "B", 13)
        pdf.cell(0, 7, f"Sessie {session.number} ({session.start:%H:%M}–{session.end:%H:%M})",
                 new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, "", 11)
        for block in session.blocks:
            pdf.multi_cell(0, 6, f"{block.start:%H:%M}–{block.end:%H:%M}  {block.municipality}, burgemeester "
                                 f"{block.mayor}: " + ", ".join(f"{school} ({len(kids)})" for school, kids in block.schools()),
                           new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(font, "", 8)
    pdf.multi_cell(0, 4, RULES, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _attendees(sessions) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["session", "session_start", "municipality", "block_start", "school", "name"])
    for session in sessions:
        for block in session.blocks:
            for child in block.children:
                writer.writerow([session.number, f"{session.start:%H:%M}", block.municipality, f"{block.start:%H:%M}",
                                 child.school, child.name])
    return buffer.getvalue()


def _summary(ceremony: Ceremony, per_municipality: dict, per_school: dict, seated: int, missions: int) -> dict:
    return {
        "ceremony": ceremony.name, "season": ceremony.season.code, "date": ceremony.held_on.isoformat(),
        "totals": {"qualified": sum(c.qualified for c in per_municipality.values()),
                   "consented": sum(c.consented for c in per_municipality.values()), "invited": seated,
                   "missions_completed": missions},
        "municipalities": {name: {"qualified": c.qualified, "consented": c.consented, "invited": c.consented}
                           for name, c in sorted(per_municipality.items())},
        "schools": [{"municipality": m, "school": s, "qualified": c.qualified, "consented": c.consented}
                    for (m, s), c in sorted(per_school.items())],
    }


@dataclass
class Plan:
    """Everything a pack is made of, before any file is written: also the admin's preview."""

    children: list[Child]
    per_municipality: dict
    per_school: dict
    mayors: dict[str, str]
    sessions: list
    problems: list[str]
    missions_completed: int  # in the whole season, for the summary


def plan(session: Session, pack: ContentPack, ceremony: Ceremony) -> Plan:
    figures = agent_seasons(session, pack, ceremony.season)
    children, per_municipality, per_school = _people(session, ceremony, figures)
    mayors = _mayors(session, ceremony)
    sessions = schedule(children, mayors, _settings(ceremony))
    problems = []
    largest = max((count.consented for count in per_school.values()), default=0)
    if largest > ceremony.capacity:
        problems.append("capacity_below_school")
    if sessions and sessions[-1].end.date() != ceremony.held_on:
        problems.append("ends_after_midnight")
    return Plan(children, per_municipality, per_school, mayors, sessions, problems,
                sum(f.missions_done for f in figures))


def generate(session: Session, pack: ContentPack, ceremony: Ceremony, out: Path, force: bool = False) -> dict:
    """Write the whole pack to ``out``; returns the summary. Refuses a non-empty ``out`` unless ``force``."""
    if out.exists() and any(out.iterdir()) and not force:
        raise PackError(f"{out} is not empty; use --force to replace it")
    result = plan(session, pack, ceremony)
    if result.problems:
        raise PackError("the ceremony set-up has problems: " + ", ".join(result.problems))
    children, sessions, mayors = result.children, result.sessions, result.mayors
    summary = _summary(ceremony, result.per_municipality, result.per_school, len(children),
                       result.missions_completed)
    templates = Environment(autoescape=True)
    files = {
        "programme.html": templates.from_string(PROGRAMME).render(c=ceremony, sessions=sessions, rules=RULES),
        "slides.html": templates.from_string(SLIDES).render(c=ceremony, sessions=sessions),
        "attendees.csv": _attendees(sessions),
        "summary.json": json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True),
        "programme.pdf": _programme_pdf(ceremony, sessions),
        "certificates.pdf": _certificates(ceremony, sessions, mayors),
        "invitations.pdf": _invitations(ceremony, sessions),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".ceremony-", dir=out.parent))
    for name, body in files.items():
        (staging / name).write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)
    return summary

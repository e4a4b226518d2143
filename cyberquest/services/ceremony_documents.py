"""The printed and on-screen parts of the ceremony pack, in the language that is active (Flask-Babel).

Pure renderers: they take the running order and the ceremony and return bytes or text. Only
consented names (first name + initial) ever reach them.
"""
from __future__ import annotations

import base64
import io
import re
from pathlib import Path

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from fpdf import FPDF

from ..models import Ceremony
from .cards_pdf import FIXED_DATE, unicode_font
from .ceremony_schedule import Session
from .csv_text import csv_text

BADGE_ART = Path(__file__).resolve().parents[2] / "static" / "badges" / "basistraining.svg"
TITLE = re.compile(r"<title[^>]*>.*?</title>", re.S)


def rules() -> str:
    return _("Municipalities from large to small (equal: alphabetical), each in the first session with room for all "
             "its children; a municipality larger than a session gets sessions of its own, divided by school. "
             "Schools and children alphabetical. Every block starts with the mayor's word. A running order saved "
             "earlier is kept where there is room: a municipality then keeps its session and time.")


def _badge_art() -> str:
    return TITLE.sub("", BADGE_ART.read_text(encoding="utf-8"))  # the PDF library skips <title> noisily


def _pdf(title: str) -> tuple[FPDF, str]:
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(title)
    return pdf, unicode_font(pdf)


def _children(sessions: list[Session]):
    for session in sessions:
        for block in session.blocks:
            for child in block.children:
                yield session, block, child


def certificates(ceremony: Ceremony, sessions: list[Session], mayors: dict[str, str]) -> bytes:
    pdf, font = _pdf(_("Certificates %(name)s", name=ceremony.name))
    art = _badge_art().encode()
    held_on = format_date(ceremony.held_on, "long")
    for _session, _block, child in _children(sessions):
        pdf.add_page()
        pdf.image(io.BytesIO(art), x=80, y=30, w=50)
        pdf.set_y(95)
        pdf.set_font(font, "B", 28)
        pdf.cell(0, 14, _("Cyber Agent certificate"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, "B", 24)
        pdf.cell(0, 16, child.name, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, "", 14)
        for line in (child.school, _("Municipality of %(name)s", name=child.municipality), held_on,
                     _("Mayor %(name)s", name=mayors.get(child.municipality, ""))):
            pdf.cell(0, 9, line, align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def invitations(ceremony: Ceremony, sessions: list[Session]) -> bytes:
    pdf, font = _pdf(_("Invitations %(name)s", name=ceremony.name))
    held_on = format_date(ceremony.held_on, "long")
    for session, block, child in _children(sessions):
        pdf.add_page()
        pdf.set_font(font, "B", 18)
        pdf.multi_cell(0, 9, _("Invitation: %(name)s", name=ceremony.name), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, "", 12)
        for line in (_("For: %(name)s (%(school)s)", name=child.name, school=child.school),
                     _("Date: %(date)s", date=held_on),
                     _("Session %(n)s: please be there at %(arrive)s; your municipality's turn starts at %(turn)s.",
                       n=session.number, arrive=session.start.strftime("%H:%M"), turn=block.start.strftime("%H:%M")),
                     _("Place: %(venue)s, %(address)s", venue=ceremony.venue_name, address=ceremony.venue_address)):
            pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def programme_pdf(ceremony: Ceremony, sessions: list[Session]) -> bytes:
    pdf, font = _pdf(_("Programme %(name)s", name=ceremony.name))
    pdf.add_page()
    pdf.set_font(font, "B", 18)
    pdf.multi_cell(0, 9, ceremony.name, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(font, "", 11)
    pdf.multi_cell(0, 6, f"{format_date(ceremony.held_on, 'long')} · {ceremony.venue_name}, {ceremony.venue_address}",
                   new_x="LMARGIN", new_y="NEXT")
    for session in sessions:
        pdf.ln(3)
        pdf.set_font(font, "B", 13)
        pdf.cell(0, 7, f"{_('Session %(n)s', n=session.number)} ({session.start:%H:%M}–{session.end:%H:%M})",
                 new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, "", 11)
        for block in session.blocks:
            schools = ", ".join(f"{school} ({len(kids)})" for school, kids in block.schools())
            pdf.multi_cell(0, 6, f"{block.start:%H:%M}–{block.end:%H:%M}  {block.municipality}, "
                                 f"{_('Mayor %(name)s', name=block.mayor)}: {schools}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(font, "", 8)
    pdf.multi_cell(0, 4, rules(), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _render(name: str, **values) -> str:
    """A stand-alone page: the app's templates and translations, without a request (the CLI has none)."""
    return current_app.jinja_env.get_template(name).render(**values)


def programme_html(ceremony: Ceremony, sessions: list[Session], language: str) -> str:
    return _render("ceremony_pack/programme.html", ceremony=ceremony, sessions=sessions, rules=rules(),
                   language=language, held_on=format_date(ceremony.held_on, "long"))


def slides_html(ceremony: Ceremony, sessions: list[Session], language: str) -> str:
    return _render("ceremony_pack/slides.html", ceremony=ceremony, sessions=sessions, language=language,
                   badge="data:image/svg+xml;base64," + base64.b64encode(_badge_art().encode()).decode())


def attendees_csv(sessions: list[Session]) -> str:
    header = ["session", "session_start", "municipality", "block_start", "school", "name"]
    return csv_text([header, *([session.number, f"{session.start:%H:%M}", block.municipality, f"{block.start:%H:%M}",
                                child.school, child.name] for session, block, child in _children(sessions))])

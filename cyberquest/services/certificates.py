"""Course certificates for seniors: one A4 page each, deterministic for the same input."""
from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF

from .cards_pdf import FIXED_DATE, unicode_font


@dataclass(frozen=True)
class Certificate:
    name: str
    course_title: str
    library: str
    date_text: str  # already written out in the reader's language


def certificates_pdf(certificates: list[Certificate], labels: dict[str, str]) -> bytes:
    """``labels``: translated ``title``, ``intro``, ``course`` and ``at``."""
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(labels["title"])
    font = unicode_font(pdf)
    for certificate in certificates:
        pdf.add_page()
        pdf.set_draw_color(11, 79, 156)
        pdf.set_line_width(2)
        pdf.rect(12, 12, 273, 186)
        pdf.set_y(40)
        pdf.set_font(font, "B", 34)
        pdf.cell(0, 16, labels["title"], align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, "", 16)
        pdf.cell(0, 14, labels["intro"], align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, "B", 28)
        pdf.cell(0, 18, certificate.name, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, "", 16)
        pdf.cell(0, 12, labels["course"], align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, "B", 22)
        pdf.multi_cell(0, 12, certificate.course_title, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, "", 14)
        pdf.ln(6)
        pdf.cell(0, 10, f"{labels['at']} {certificate.library}, {certificate.date_text}", align="C",
                 new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, "", 11)
        pdf.set_y(180)
        pdf.cell(0, 8, "CyberQuest Limburg", align="C")
    return bytes(pdf.output())

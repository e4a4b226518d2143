"""Printable login cards: one A6 page per child or senior, with a QR code that signs them in.

The QR code holds the sign-in address with the card's token after '#', so the token never
reaches a server log. PINs and tokens are in plain text only inside this PDF.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import qrcode
from fpdf import FPDF

from .groups import NewCard

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FIXED_DATE = datetime(2026, 1, 1)  # deterministic output: no creation time in the file


def unicode_font(pdf: FPDF) -> str:
    """DejaVu when the system has it (names such as "Zoë Şükrü"), else a built-in font."""
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        return "DejaVu"
    return "Helvetica"


def _pdf() -> tuple[FPDF, str]:
    pdf = FPDF(orientation="landscape", unit="mm", format=(105, 148))  # A6
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(FIXED_DATE)
    return pdf, unicode_font(pdf)


def login_cards_pdf(cards: list[NewCard], *, code: str, group_name: str, sign_in_url: str,
                    token_url: str, labels: dict[str, str], footer: str = "") -> bytes:
    """``labels`` holds the translated words: title, code, name, pin, how, scan.

    ``footer`` is printed large at the bottom (for seniors: the library and the meeting time).
    """
    pdf, font = _pdf()
    pdf.set_title(labels["title"])
    for card in cards:
        pdf.add_page()
        pdf.set_font(font, "B", 15)
        pdf.set_xy(8, 8)
        pdf.cell(0, 8, labels["title"])
        pdf.set_font(font, "", 9)
        pdf.set_xy(8, 16)
        pdf.cell(0, 5, group_name)
        rows = ((labels["code"], code), (labels["name"], card.name), (labels["pin"], card.pin))
        for index, (label, value) in enumerate(rows):
            y = 28 + index * 14
            pdf.set_font(font, "", 9)
            pdf.set_xy(8, y)
            pdf.cell(0, 4, label)
            pdf.set_font(font, "B", 16)
            pdf.set_xy(8, y + 4)
            pdf.cell(80, 8, value)
        image = qrcode.make(f"{token_url}#{card.token}", box_size=6, border=2).get_image()
        pdf.image(image, x=95, y=24, w=46, h=46)
        pdf.set_font(font, "", 8)
        pdf.set_xy(95, 71)
        pdf.multi_cell(46, 3.5, labels["scan"], align="C")
        pdf.set_xy(8, 80)
        pdf.multi_cell(84, 4, f"{labels['how']} {sign_in_url}", align="L")
        if footer:
            pdf.set_font(font, "B", 12)
            pdf.set_xy(8, 91)
            pdf.multi_cell(132, 5.5, footer, align="L")
    return bytes(pdf.output())

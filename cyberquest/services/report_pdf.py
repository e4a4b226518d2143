"""Printable reports: a progress table for a class or group, and consent letters for parents."""
from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF
from fpdf.fonts import FontFace

from .cards_pdf import FIXED_DATE, unicode_font


def _document(orientation: str, title: str) -> tuple[FPDF, str]:
    pdf = FPDF(orientation=orientation, unit="mm", format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(title)
    pdf.set_auto_page_break(True, margin=15)
    return pdf, unicode_font(pdf)


def _heading(pdf: FPDF, font: str, title: str, subtitle: str) -> None:
    pdf.add_page()
    pdf.set_font(font, "B", 16)
    pdf.cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(font, "", 10)
    pdf.cell(0, 6, subtitle, new_x="LMARGIN", new_y="NEXT")


def _table(pdf: FPDF, headers: list[str], rows: list[list[str]], **options) -> None:
    """A table whose first row is the (bold, shaded) heading, repeated on every page."""
    with pdf.table(headings_style=FontFace(emphasis="BOLD", fill_color=(230, 236, 245)), line_height=5,
                   **options) as table:
        for values in [headers, *rows]:
            row = table.row()
            for value in values:
                row.cell(str(value))


def table_report(title: str, subtitle: str, headers: list[str], rows: list[list[str]], legend: list[str]) -> bytes:
    """A landscape A4 table with a header row repeated on every page, and a legend below it."""
    pdf, font = _document("landscape", title)
    _heading(pdf, font, title, subtitle)
    pdf.ln(3)
    pdf.set_font(font, "", 8)
    first = 45
    rest = (pdf.epw - first) / max(1, len(headers) - 1)
    _table(pdf, headers, rows, col_widths=(first, *([rest] * (len(headers) - 1))), text_align="CENTER")
    pdf.ln(4)
    pdf.set_font(font, "", 8)
    for line in legend:
        pdf.multi_cell(0, 4.5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def summary_report(title: str, subtitle: str, sections: list[tuple[str, list[str], list[list[str]]]]) -> bytes:
    """A one-page portrait summary: a heading and a small table per section (e.g. for the council)."""
    pdf, font = _document("portrait", title)
    _heading(pdf, font, title, subtitle)
    for heading, headers, rows in sections:
        pdf.ln(3)
        pdf.set_font(font, "B", 12)
        pdf.cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, "", 9)
        _table(pdf, headers, rows)
    return bytes(pdf.output())


@dataclass(frozen=True)
class LetterTexts:
    title: str
    body: list[str]  # paragraphs; "{agent}" is replaced by the agent name
    slip_title: str
    slip_lines: list[str]  # lines of the return slip; "{agent}" as above


def consent_letters(agent_names: list[str], class_line: str, texts: LetterTexts) -> bytes:
    """One A4 letter per child, with a return slip to cut off at the bottom."""
    pdf, font = _document("portrait", texts.title)
    for agent in agent_names:
        pdf.add_page()
        pdf.set_font(font, "B", 16)
        pdf.multi_cell(0, 8, texts.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, "", 10)
        pdf.cell(0, 6, class_line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font(font, "", 11)
        for paragraph in texts.body:
            pdf.multi_cell(0, 5.5, paragraph.replace("{agent}", agent), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        pdf.set_y(max(pdf.get_y() + 6, 190))
        pdf.set_font(font, "", 8)
        pdf.cell(0, 4, "- " * 60, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font(font, "B", 12)
        pdf.cell(0, 7, texts.slip_title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, "", 11)
        for line in texts.slip_lines:
            pdf.multi_cell(0, 8, line.replace("{agent}", agent), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())

"""A large-print paper workbook of a course, for people who prefer paper (A4, 16 pt)."""
from __future__ import annotations

from fpdf import FPDF

from ..content import Course, Step, Text
from .cards_pdf import FIXED_DATE, unicode_font

BODY = 16


class _Workbook:
    def __init__(self, locale: str, labels: dict[str, str]) -> None:
        self.locale = locale
        self.labels = labels
        self.pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        self.pdf.set_creation_date(FIXED_DATE)
        self.pdf.set_auto_page_break(True, margin=18)
        self.pdf.set_margins(20, 20, 20)
        self.font = unicode_font(self.pdf)

    def t(self, text: Text | None) -> str:
        return text.get(self.locale) if text else ""

    def heading(self, text: str, size: int) -> None:
        self.pdf.set_font(self.font, "B", size)
        self.pdf.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(3)

    def line(self, text: str, bold: bool = False) -> None:
        self.pdf.set_font(self.font, "B" if bold else "", BODY)
        self.pdf.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")

    def step(self, number: int, step: Step) -> None:
        t, d = self.t, step.data
        self.pdf.ln(4)
        if d.get("question"):
            self.line(f"{number}. {t(d['question'])}", bold=True)
        elif step.kind != "info":
            self.line(f"{number}.", bold=True)
        if step.kind == "info":
            self.line(t(d["text"]))
        elif step.kind == "choice":
            for option in d["options"]:
                self.line(f"[  ]  {t(option)}")
        elif step.kind == "truefalse":
            self.line(t(d["statement"]))
            self.line(f"[  ]  {self.labels['true']}     [  ]  {self.labels['false']}")
        elif step.kind == "hotspot":
            self.line(f"{self.labels['from']} {t(d['sender'])}")
            if d.get("subject"):
                self.line(t(d["subject"]), bold=True)
            for part in d["parts"]:
                self.line(f"[  ]  {t(part['text'])}")
        elif step.kind == "sort":
            self.line(" / ".join(t(category) for category in d["categories"]))
            for item in d["items"]:
                self.line(f"____  {t(item['text'])}")
        elif step.kind == "order":
            for item in sorted(d["items"], key=lambda text: text.nl):  # not in the right order
                self.line(f"____  {t(item)}")
        elif step.kind == "password":
            self.line("_" * 40)
        elif step.kind == "offline":
            self.line(t(d["task"]))


def workbook_pdf(course: Course, locale: str, labels: dict[str, str]) -> bytes:
    """``labels``: translated ``glossary``, ``lesson``, ``answers``, ``true``, ``false``, ``from``."""
    book = _Workbook(locale, labels)
    pdf, t = book.pdf, book.t
    pdf.set_title(t(course.title))
    pdf.add_page()
    book.heading(t(course.title), 28)
    book.line(t(course.summary))
    if course.glossary:
        pdf.ln(6)
        book.heading(labels["glossary"], 20)
        for entry in course.glossary:
            book.line(t(entry.term), bold=True)
            book.line(t(entry.meaning))
    for number, lesson in enumerate(course.lessons, start=1):
        pdf.add_page()
        book.heading(f"{labels['lesson']} {number}: {t(lesson.title)}", 22)
        for step_number, step in enumerate(lesson.steps, start=1):
            book.step(step_number, step)
    pdf.add_page()
    book.heading(labels["answers"], 22)
    for number, lesson in enumerate(course.lessons, start=1):
        explained = [(n, step) for n, step in enumerate(lesson.steps, start=1) if step.data.get("explain")]
        if explained:
            book.line(f"{labels['lesson']} {number}: {t(lesson.title)}", bold=True)
            for step_number, step in explained:
                book.line(f"{step_number}. {t(step.data['explain'])}")
            pdf.ln(3)
    return bytes(pdf.output())

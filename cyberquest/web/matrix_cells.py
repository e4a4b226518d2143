"""The cells of the progress matrices (class, group, one child): an icon and a word, so a cell reads without colour.

A matrix has hundreds of cells but five kinds of them, so each kind is built once per page, in the page's
language, instead of once per cell.
"""
from __future__ import annotations

from flask_babel import gettext as _
from markupsafe import Markup

from ..services.class_progress import CELL_SYMBOLS

_CELL = Markup('<span class="cell cell-{0}"><span aria-hidden="true">{1}</span>'
               '<span class="visually-hidden">{2}</span></span>')


def cell_state_labels() -> dict[str, str]:
    """The words behind the symbols in the page's language."""
    return {"new": _("not started"), "started": _("started"), "waiting": _("waiting for confirmation"),
            "done": _("done"), "perfect": _("done without mistakes")}


def matrix_cells() -> dict[str, Markup]:
    """Each state's cell as HTML (the label is escaped by ``Markup.format``)."""
    return {state: _CELL.format(state, CELL_SYMBOLS[state], label) for state, label in cell_state_labels().items()}


def cells_row(cells: dict[str, Markup], states: list[str]) -> Markup:
    """A row's cells as table cells, joined once instead of output one by one."""
    return Markup("".join([f"<td>{cells[state]}</td>" for state in states]))

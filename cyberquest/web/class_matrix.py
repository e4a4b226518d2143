"""The class matrix's table, written once per page in Python.

Each row of the matrix asked the template for about ten values through calls (the row's cells, done count,
XP, rank, last active day, a link); Jinja checks every call it makes, so a class of 30 cost some 300 checked
calls per page. Here each row is one plain object, and the template only reads its fields.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from ..content import ContentPack, Mission
from ..services.class_progress import ClassProgress, MatrixAgent
from .day_texts import short_days
from .matrix_cells import cells_row, matrix_cells
from .url_patterns import url_pattern


@dataclass(frozen=True)
class MatrixRow:
    name: str
    detail_url: str
    qualified: bool
    cells: Markup  # the row's table cells, one per mission shown
    done: int
    xp: int
    rank: str  # the rank's title in the page's language, "" without ranks
    last_active: str  # a day in the page's language, or "never"


@dataclass(frozen=True)
class MatrixTable:
    rows: list[MatrixRow]
    done_by: list[int]  # per mission shown: how many children finished it


def matrix_table(matrix: ClassProgress, agents: Sequence[MatrixAgent], missions: list[Mission], pack: ContentPack,
                 class_id: int) -> MatrixTable:
    """The rows of ``agents`` in their order, with the columns of ``missions``."""
    cells, days, never, language = matrix_cells(), short_days(matrix.last_active), _("never"), get_locale().language
    detail_url = url_pattern("teacher.agent_detail", "agent_id", class_id=class_id)
    rows = []
    for agent in agents:
        rank = matrix.rank(agent.id, pack)
        rows.append(MatrixRow(
            name=agent.agent_name,
            detail_url=detail_url.format(agent.id),
            qualified=matrix.qualification[agent.id].qualified,
            cells=cells_row(cells, matrix.states(agent.id, missions)),
            done=matrix.done_count(agent.id), xp=matrix.xp.get(agent.id, 0),
            rank=rank.title.get(language) if rank else "",
            last_active=days.get(agent.id) or never))
    return MatrixTable(rows, [matrix.column_done(mission.id) for mission in missions])

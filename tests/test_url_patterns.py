"""A link built once per page and filled in per row is the link url_for builds for that row."""
from __future__ import annotations

import pytest
from flask import url_for

from cyberquest.web.url_patterns import url_pattern


@pytest.mark.parametrize("endpoint, key, values", [
    ("boards.classes", "school_id", {"seizoen": "2026-2027"}),
    ("boards.schools", "municipality_id", {"seizoen": "{2026}&x=1"}),
    ("teacher.agent_detail", "agent_id", {"class_id": 7}),
])
def test_a_filled_pattern_is_the_url_of_that_row(app, endpoint, key, values):
    with app.test_request_context("/"):
        pattern = url_pattern(endpoint, key, **values)
        for row_id in (1, 42, 123456):
            assert pattern.format(row_id) == url_for(endpoint, **{key: row_id}, **values)


def test_a_parameter_that_is_not_in_the_path_is_refused(app):
    with app.test_request_context("/"):
        with pytest.raises(ValueError):
            url_pattern("boards.municipalities", "pagina", seizoen="2026-2027")

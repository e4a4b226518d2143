"""web/day_texts.py: the matrix's days read exactly as Flask-Babel's ``dateformat('short')`` writes them."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from flask_babel import force_locale, format_date

from cyberquest.web.day_texts import short_days

MOMENTS = {
    1: datetime(2026, 10, 5, 12, 0),
    2: datetime(2026, 10, 5, 22, 30),  # UTC: already 6 October in Amsterdam
    3: datetime(2026, 3, 28, 23, 30, tzinfo=timezone.utc),  # the night summer time starts
    4: datetime(2026, 10, 5, 8, 15),  # the same day as the first, written once
    5: None,
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_day_is_written_as_flask_babel_writes_it(app, language):
    with app.test_request_context("/"), force_locale(language):
        texts = short_days(MOMENTS)
        assert texts == {key: format_date(moment, "short") for key, moment in MOMENTS.items() if moment}
    assert texts[1] == texts[4] != texts[2]

"""The days of a page's many rows (each child's last activity on the class matrix) formatted once per day.

Flask-Babel's ``dateformat`` filter looks up the page's locale and timezone and the format again for every
date (about 37 µs; a quarter of a millisecond per 25 rows even before the rest of the row). A class mostly
plays on the same few days, so each day is formatted once, with the locale and timezone looked up once.
"""
from __future__ import annotations

from collections.abc import Hashable, Mapping
from datetime import date, datetime, timezone

from babel.dates import format_date
from flask_babel import get_locale, get_timezone


def short_days(moments: Mapping[Hashable, datetime | None]) -> dict[Hashable, str]:
    """Each moment's day in the page's timezone, as Flask-Babel's ``dateformat('short')`` writes it; a moment
    without a timezone is UTC, as Flask-Babel takes it. Keys without a moment are left out."""
    zone, locale = get_timezone(), get_locale()
    written: dict[date, str] = {}
    texts: dict[Hashable, str] = {}
    for key, moment in moments.items():
        if moment is None:
            continue
        day = (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(zone).date()
        if day not in written:
            written[day] = format_date(day, "short", locale=locale)
        texts[key] = written[day]
    return texts

"""The season of the day is looked up once per process: its id never changes once the season exists."""
from __future__ import annotations

from datetime import date

from cyberquest.extensions import db
from cyberquest.services.seasons import SeasonIds, create_season

from .test_query_counts import counted


def test_a_found_season_is_asked_once_and_a_missing_one_again(app, world):
    ids = SeasonIds()
    with app.app_context():
        with counted(app) as statements:
            assert ids.current(db.session, date.today()) == world.season_id
            assert ids.current(db.session, date.today()) == world.season_id
        assert len(statements) == 1
        with counted(app) as statements:
            assert ids.current(db.session, date(2040, 9, 1)) is None
            later = create_season(db.session, 2040)
            assert ids.current(db.session, date(2040, 9, 1)) == later.id
        assert len(statements) == 4  # looked up, created (a check and the insert), looked up again

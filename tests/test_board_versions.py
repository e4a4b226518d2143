"""Board versions: new XP raises its municipality's version only; a municipality's own change raises it in
every season. Boards compare these versions to know when to recompute."""
from __future__ import annotations

from sqlalchemy import select

from cyberquest.extensions import db
from cyberquest.models import BoardVersion
from cyberquest.services import board_versions
from cyberquest.services.seasons import create_season


def _versions() -> dict[tuple[int, int], int]:
    rows = db.session.execute(select(BoardVersion.season_id, BoardVersion.municipality_id, BoardVersion.version))
    return {(season_id, municipality_id): version for season_id, municipality_id, version in rows}


def test_xp_raises_the_version_of_the_agents_municipality_only(app, world):
    with app.app_context():
        board_versions.bump(db.session, world.agent_id, world.season_id)
        assert _versions() == {(world.season_id, world.maastricht_id): 1}
        board_versions.bump(db.session, world.agent_id, world.season_id)
        assert _versions() == {(world.season_id, world.maastricht_id): 2}


def test_a_municipality_change_raises_its_version_in_every_season(app, world):
    with app.app_context():
        board_versions.bump(db.session, world.agent_id, world.season_id)
        earlier = create_season(db.session, 2019)
        board_versions.bump_municipality(db.session, world.maastricht_id)
        board_versions.bump_municipality(db.session, world.heerlen_id)
        assert _versions() == {(world.season_id, world.maastricht_id): 2, (earlier.id, world.maastricht_id): 1,
                               (world.season_id, world.heerlen_id): 1, (earlier.id, world.heerlen_id): 1}

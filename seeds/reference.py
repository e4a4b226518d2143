"""Load the Limburg reference data (region and its 31 municipalities); idempotent."""
from __future__ import annotations

import tomllib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from cyberquest.models import Municipality, Region

REFERENCE_FILE = Path(__file__).with_name("limburg.toml")


def load_reference(session: Session) -> Region:
    """Create what is missing; existing rows keep their local changes (mayor, figures)."""
    data = tomllib.loads(REFERENCE_FILE.read_text(encoding="utf-8"))
    region = session.scalar(select(Region).where(Region.name == data["region"]))
    if region is None:
        region = Region(name=data["region"])
        session.add(region)
        session.flush()
    existing = set(session.scalars(select(Municipality.name)))
    for entry in data["municipality"]:
        if entry["name"] not in existing:
            session.add(Municipality(
                region_id=region.id, name=entry["name"], region_part=entry["region_part"],
                children_8_12=entry["children_8_12"], joined_on=entry.get("joined_on"),
                children_source=data["children_source"], children_year=data["children_year"],
            ))
    session.flush()
    return region

"""DESIGN §7 guards that belong to the foundation."""
from __future__ import annotations

from sqlalchemy import inspect

from cyberquest.extensions import db

FORBIDDEN_FOR_CHILDREN = ("mail", "birth", "address", "street", "phone", "postcode", "surname", "last_name")


def test_children_have_no_contact_or_birth_columns(app):
    with app.app_context():
        columns = [column["name"] for column in inspect(db.engine).get_columns("agents")]
    assert columns, "agents table exists"
    assert not [c for c in columns if any(word in c for word in FORBIDDEN_FOR_CHILDREN)]


def test_children_live_apart_from_staff(app):
    with app.app_context():
        tables = set(inspect(db.engine).get_table_names())
    assert {"agents", "staff_users", "learners"} <= tables


def test_pins_and_passwords_are_hashed(app, world):
    with app.app_context():
        rows = db.session.execute(db.text("SELECT pin_hash FROM agents")).scalars().all()
        rows += db.session.execute(db.text("SELECT password_hash FROM staff_users")).scalars().all()
    assert rows and all(value.startswith("$argon2") for value in rows)


def test_privacy_pages_for_children_and_adults_are_linked_from_every_page(client):
    home = client.get("/").get_data(as_text=True)
    assert 'href="/privacy"' in home and 'href="/privacy/kinderen"' in home
    adults = client.get("/privacy").get_data(as_text=True)
    assert "Hoe lang" in adults and "60 dagen na de ceremonie" in adults and "Autoriteit Persoonsgegevens" in adults
    children = client.get("/privacy/kinderen").get_data(as_text=True)
    assert "Wat weet CyberQuest over jou?" in children and "echte naam" in children

"""Leaderboards in Chromium: filters by keyboard, every board page without axe violations."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from cyberquest.extensions import db
from cyberquest.models import XpEntry, utcnow

from ..factories import make_agent
from .conftest import PHONE, assert_accessible, assert_no_sideways_scroll
from .test_play_in_browser import _go


def test_boards_from_region_to_class(page, app, world):
    with app.app_context():
        for number in range(5):  # five active agents: the school is shown by name
            agent = make_agent(db.session, world.class_id, f"Actieve Agent {number}")
            db.session.add(XpEntry(agent_id=agent.id, season_id=world.season_id, source_type="mission",
                                   source_id="m", step_key="s", xp=10 * (number + 1), created_at=utcnow()))
        db.session.commit()
    page.goto("/ranglijst")
    page.get_by_label("Rangschikken op").select_option("participation")
    _go(page, page.get_by_role("button", name="Tonen"))
    assert "maat=participation" in page.url
    _go(page, page.get_by_role("link", name="Maastricht"))
    assert_accessible(page, "schools of a municipality")
    _go(page, page.get_by_role("link", name="Basisschool De Regenboog"))
    assert page.get_by_role("rowheader", name="Groep 7B").count() == 1
    assert "Actieve Agent" not in page.content()
    assert_accessible(page, "classes of a school")


def test_boards_fit_a_phone_and_a_narrow_embed(page, world):
    """Residents look at the boards on their phones, and municipality websites embed the top ten in a narrow
    column: the table scrolls in its own box, named by its caption, and the page stays put."""
    for width, path, caption in ((PHONE["width"], "/ranglijst", "Gemeenten gerangschikt op totaal aantal XP"),
                                 (280, "/embed/leaderboard", re.compile(r"^CyberQuest Limburg .+: gemeenten op XP$"))):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(path)
        assert page.get_by_role("region", name=caption).get_by_role("table").count() == 1, path
        assert_no_sideways_scroll(page, path)


def test_a_scroll_box_is_a_tab_stop_only_while_it_can_scroll(page, world):
    page.set_viewport_size(PHONE)
    page.goto("/ranglijst")
    box = page.get_by_role("region", name="Gemeenten gerangschikt op totaal aantal XP")
    expect(box).to_have_attribute("tabindex", "0")
    page.set_viewport_size({"width": 1280, "height": 800})  # the table fits: one press of Tab less
    expect(box).not_to_have_attribute("tabindex", "0")
    page.set_viewport_size(PHONE)
    expect(box).to_have_attribute("tabindex", "0")

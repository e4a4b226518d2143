"""The teacher's progress matrix in Chromium: keyboard only, table semantics, and axe."""
from __future__ import annotations

import re

from cyberquest.extensions import db
from cyberquest.services import play

from ..factories import make_agent
from .conftest import PHONE, assert_accessible, assert_no_sideways_scroll
from .helpers import sign_in_card, sign_in_staff
from .test_play_in_browser import _go


def test_the_matrix_by_keyboard_with_table_semantics(page, app, world):
    store = app.extensions["cyberquest.content"]
    with app.app_context():
        mission = store.pack.missions["buiten"]
        for step in mission.steps:  # the child reports the real-world task as done
            if store.kinds[step.kind].scored:
                play.answer(db.session, store.kinds, world.agent_id, world.season_id, mission, step.key,
                            step.data["answer"])
            else:
                play.go_on(db.session, store.kinds, world.agent_id, world.season_id, mission, step.key)
        make_agent(db.session, world.class_id, "Dappere Das")  # a classmate: the merge form shows too
        db.session.commit()
    sign_in_staff(page, "teacher@school.example.nl")
    page.goto(f"/leerkracht/klassen/{world.class_id}")
    _go(page, page.get_by_role("link", name="Voortgang van de klas"))
    table = page.get_by_role("table", name="Missies per agent")
    assert table.get_by_role("rowheader", name="Snelle Vos").count() == 1
    assert table.get_by_role("columnheader").count() >= 6
    assert "wacht op bevestiging" in table.get_by_role("row", name="Snelle Vos").inner_text()
    assert_accessible(page, "class progress matrix")

    _go(page, page.get_by_role("link", name="XP (sorteren)"))
    assert page.get_by_role("columnheader", name="XP (sorteren)").get_attribute("aria-sort") == "descending"
    page.keyboard.press("Tab")  # everything is reachable with Tab; the wide table scrolls by keyboard
    region = page.get_by_role("region", name="Missies per agent")
    region.focus()
    page.keyboard.press("ArrowRight")
    _go(page, page.get_by_role("button", name=re.compile(r"^Bevestigen\s*: Snelle Vos, Opdracht buiten$")))
    assert "krijgt de punten" in page.locator(".flashes").inner_text()
    assert "klaar" in page.get_by_role("table", name="Missies per agent").get_by_role("row", name="Snelle Vos").inner_text()

    _go(page, page.get_by_role("link", name="Snelle Vos"))
    assert page.get_by_role("heading", name="Twee inlogkaarten voor één kind?").count() == 1
    assert_accessible(page, "one child's page")
    page.get_by_label("Naam op het certificaat: voornaam en voorletter (bijvoorbeeld: Sanne V.)").fill("Sanne V.")
    _go(page, page.get_by_role("button", name="Toestemming vastleggen"))
    assert "Sanne V." in page.get_by_role("region", name="Toestemming voor de ceremonie").inner_text()


def test_progress_matrices_scroll_in_their_own_box_on_a_small_screen(page, world):
    """On a phone's width the wide matrix scrolls inside its box; the page around it stays put (its hidden
    screen-reader texts once pushed the whole page sideways)."""
    page.set_viewport_size(PHONE)
    for email, path in (("teacher@school.example.nl", f"/leerkracht/klassen/{world.class_id}/voortgang"),
                        ("trainer@library.example.nl", f"/begeleider/groepen/{world.group_id}/voortgang")):
        page.context.clear_cookies()
        sign_in_staff(page, email)
        page.goto(path)
        box = page.locator(".table-scroll")
        assert box.evaluate("box => box.scrollWidth > box.clientWidth"), f"{path}: the test needs a matrix wider than its box"
        assert_no_sideways_scroll(page, path)


def test_a_groups_course_progress_scrolls_in_its_own_box(page, world):
    """One column per course: in a window narrower than the table, the table scrolls in a box that fits."""
    sign_in_staff(page, "trainer@library.example.nl")
    page.goto(f"/begeleider/groepen/{world.group_id}")
    box = page.get_by_role("region", name="Afgeronde lessen per cursist en cursus")
    table_width = box.evaluate("""box => { const table = box.querySelector('table'); table.style.width = 'min-content';
        const width = table.offsetWidth; table.style.width = ''; return width; }""")
    page.set_viewport_size({"width": max(table_width - 40, 200), "height": 800})
    assert box.evaluate("box => box.scrollWidth > box.clientWidth"), "the table should be wider than its box"
    assert box.evaluate("box => box.getBoundingClientRect().right <= document.documentElement.clientWidth")


def test_a_class_quest_on_the_smartboard_then_a_child_redeems_the_code(page, browser, live_server, world):
    sign_in_staff(page, "teacher@school.example.nl")
    page.goto(f"/leerkracht/klassen/{world.class_id}")
    _go(page, page.get_by_role("link", name="Klassenquests"))
    _go(page, page.get_by_role("link", name="Samen sterk"))
    for _ in range(3):
        answer = page.get_by_role("link", name="Toon het antwoord")
        if answer.count():
            _go(page, answer)
            assert page.locator(".quest-right").count() >= 1
            assert_accessible(page, "class quest answer on the smartboard")
        next_step = page.get_by_role("link", name="Volgende stap")
        if next_step.count():
            _go(page, next_step)
    _go(page, page.get_by_role("button", name="Afronden en de code tonen"))
    code = page.locator(".quest-code").inner_text()
    assert len(code) == 6
    assert_accessible(page, "class quest code")

    child = browser.new_context(base_url=live_server.url).new_page()
    sign_in_card(child, "/inloggen/agent", world.class_code, "Snelle Vos")
    child.get_by_label("Code van het bord").fill(code)
    _go(child, child.get_by_role("button", name="Code versturen"))
    assert "Klassenquest gedaan: Samen sterk!" in child.locator(".flashes").inner_text()
    assert child.locator("section.celebration").count() == 1
    child.context.close()

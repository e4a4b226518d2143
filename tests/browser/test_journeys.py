"""Journeys through real Chromium: cards, classes, second factor, language and display."""
from __future__ import annotations

import re

import pyotp

from cyberquest.extensions import db
from cyberquest.models import Agent
from cyberquest.services.groups import replace_card

from ..factories import make_staff
from .conftest import assert_accessible
from .helpers import sign_in_card, sign_in_staff


def test_agent_signs_in_with_the_keyboard_and_switches_agent(page, world):
    page.goto("/")
    page.get_by_role("link", name="Inloggen als agent").click()
    page.get_by_label("Code", exact=True).focus()
    page.keyboard.type(world.class_code)
    page.keyboard.press("Tab")
    page.keyboard.type("Snelle Vos")
    page.keyboard.press("Tab")
    page.keyboard.type("1234")
    page.keyboard.press("Enter")
    page.wait_for_url("**/agent/")
    assert "Snelle Vos" in page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("button", name="Wissel van agent").click()
    page.wait_for_url("**/inloggen/agent")
    assert page.get_by_label("Code", exact=True).is_visible()


def test_wrong_pin_shows_a_message_in_the_browser(page, world):
    sign_in_card(page, "/inloggen/agent", world.class_code, "Snelle Vos", "4321")
    assert "Dat klopt niet" in page.get_by_role("alert").inner_text()


def test_qr_card_signs_in(app, page, world):
    with app.app_context():
        card = replace_card(db.session, db.session.get(Agent, world.agent_id), "fast")
        db.session.commit()
    page.goto(f"/inloggen/kaart#{card.token}")
    assert "#" not in page.url  # the token is removed from the address bar
    page.get_by_role("button", name="Inloggen met deze kaart").click()
    page.wait_for_url("**/agent/")


def test_teacher_creates_a_class_adds_agents_and_prints_cards(page, world):
    sign_in_staff(page, "teacher@school.example.nl")
    page.get_by_role("link", name="Nieuwe klas").click()
    page.get_by_label("Naam").fill("Groep 6A")
    page.get_by_role("button", name="Aanmaken").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Groep 6A"
    page.get_by_label("Aantal nieuwe agenten").fill("3")
    page.get_by_role("button", name="Agenten toevoegen").click()
    cards = page.locator(".login-card")
    assert cards.count() == 3
    assert_accessible(page, "new login cards")
    first_name = cards.first.locator("dd").nth(1).inner_text()
    first_pin = cards.first.locator("dd").nth(2).inner_text()
    code = cards.first.locator("dd").nth(0).inner_text()
    assert re.fullmatch(r"\d{4}", first_pin)
    # The printed card works.
    page.get_by_role("button", name="Uitloggen").click()
    sign_in_card(page, "/inloggen/agent", code, first_name, first_pin)
    # A new agent first picks an avatar.
    assert page.get_by_role("heading", level=1).inner_text() == "Kies je avatar"
    assert_accessible(page, "avatar choice")
    page.get_by_label("Robot").check()
    page.get_by_role("button", name="Dit ben ik!").click()
    assert first_name in page.get_by_role("heading", level=1).inner_text()
    assert "avatars/robot.svg" in page.content()


def test_language_text_size_and_contrast_persist_per_user(browser, live_server, world):
    first = browser.new_context(base_url=live_server.url)
    page = first.new_page()
    sign_in_staff(page, "teacher@school.example.nl")
    page.get_by_role("button", name="English").click()
    assert page.get_by_role("heading", level=1).inner_text() == "My classes"
    page.get_by_role("button", name="Extra large text").click()
    page.get_by_role("button", name="High contrast").click()
    assert page.locator("html").get_attribute("class") == "text-xlarge high-contrast"
    page.reload()
    assert page.locator("html").get_attribute("class") == "text-xlarge high-contrast"
    first.close()
    # A different device (fresh browser context): the account remembers.
    second = browser.new_context(base_url=live_server.url)
    page = second.new_page()
    page.goto("/inloggen/medewerker")
    assert page.locator("html").get_attribute("lang") == "nl"  # nothing remembered before sign-in
    sign_in_staff(page, "teacher@school.example.nl")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("class") == "text-xlarge high-contrast"
    second.close()


def test_admin_second_factor_in_the_browser(app, page, world):
    with app.app_context():
        make_staff(db.session, "real.admin@region.example.nl", "admin", skip_totp=False)
        db.session.commit()
    sign_in_staff(page, "real.admin@region.example.nl")
    page.wait_for_url("**/inloggen/tweede-stap")
    assert_accessible(page, "second factor enrolment")
    secret = page.locator("code.secret").inner_text()
    page.get_by_label("Code van 6 cijfers").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url("**/beheer/")


def test_keyboard_focus_is_visible_and_skip_link_works(page, world):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    assert skip.evaluate("element => element === document.activeElement")
    outline = skip.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

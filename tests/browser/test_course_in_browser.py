"""A senior follows a lesson in Chromium with the keyboard only, at the largest text in high contrast."""
from __future__ import annotations

from playwright.sync_api import expect

from .conftest import PHONE, assert_accessible
from .helpers import sign_in_card


def _go(page, locator) -> None:
    locator.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_senior_follows_a_lesson_by_keyboard_in_large_high_contrast(page, world):
    sign_in_card(page, "/inloggen/cursist", world.group_code, "Annie")
    _go(page, page.get_by_role("button", name="A++ Extra grote tekst", exact=True))
    _go(page, page.get_by_role("button", name="Hoog contrast"))
    assert page.locator("html").get_attribute("class") == "text-xlarge high-contrast"
    assert_accessible(page, "learner home")
    _go(page, page.get_by_role("link", name="Veilig appen"))
    assert_accessible(page, "course page")
    _go(page, page.get_by_role("link", name="Verder met: Een nepbericht herkennen"))
    expect(page.locator(".step-position")).to_have_text("Stap 1 van 3")
    assert_accessible(page, "info step")
    _go(page, page.get_by_role("button", name="Verder"))
    page.get_by_label("Niet waar").focus()
    page.keyboard.press("Space")
    _go(page, page.get_by_role("button", name="Controleer"))
    expect(page.get_by_role("alert")).to_contain_text("Geen probleem")
    assert_accessible(page, "kind retry message")
    page.get_by_label("Waar", exact=True).focus()
    page.keyboard.press("Space")
    _go(page, page.get_by_role("button", name="Controleer"))
    assert_accessible(page, "feedback")
    _go(page, page.get_by_role("link", name="Volgende stap"))
    page.get_by_label("Zelf de bank bellen").focus()
    page.keyboard.press("Space")
    _go(page, page.get_by_role("button", name="Controleer"))
    _go(page, page.get_by_role("link", name="Volgende stap"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Les afgerond")
    assert_accessible(page, "lesson done")


def test_course_pages_at_every_text_size_on_a_phone(page, world):
    """Seniors follow courses on their own phones too: at every text size nothing may stick out sideways."""
    page.set_viewport_size(PHONE)
    sign_in_card(page, "/inloggen/cursist", world.group_code, "Annie")
    for size, label in (("normal", "A Normale tekst"), ("large", "A+ Grote tekst"), ("xlarge", "A++ Extra grote tekst")):
        page.get_by_role("button", name=label, exact=True).click()
        assert_accessible(page, f"learner home at {size}")
        page.goto("/cursist/cursus/veilig-appen/les/melden")
        assert page.locator("html").get_attribute("class").startswith(f"text-{size}")
        assert_accessible(page, f"order step at {size}")
        page.goto("/cursist/cursus/veilig-appen")
        assert_accessible(page, f"course page at {size}")


def test_works_without_speech_synthesis(browser, live_server, world):
    context = browser.new_context(base_url=live_server.url)
    context.add_init_script("delete window.speechSynthesis;")
    page = context.new_page()
    sign_in_card(page, "/inloggen/cursist", world.group_code, "Annie")
    assert page.get_by_role("button", name="Voorlezen").count() == 0
    page.goto("/cursist/cursus/veilig-appen/les/herkennen")
    page.get_by_role("button", name="Verder").click()
    expect(page.locator(".step-position")).to_have_text("Stap 2 van 3")
    context.close()

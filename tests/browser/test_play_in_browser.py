"""A child plays a whole mission in Chromium with the keyboard only; axe checks every screen."""
from __future__ import annotations

from playwright.sync_api import expect

from .conftest import assert_accessible
from .helpers import sign_in_card

RIGHT_ORDER = {"Stap een": 1, "Stap twee": 2, "Stap drie": 3}


def _press(page, locator, key: str = "Space") -> None:
    locator.focus()
    page.keyboard.press(key)


def _go(page, locator) -> None:
    """Activate a link or button with Enter and wait for the next page."""
    locator.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _check_and_continue(page, label: str) -> None:
    _go(page, page.get_by_role("button", name="Controleer"))
    assert page.get_by_role("heading", level=1).inner_text() == "Goed zo!", label
    assert_accessible(page, f"feedback after {label}")
    _go(page, page.get_by_role("link", name="Volgende").or_(page.get_by_role("link", name="Bekijk je resultaat")))


def _choose(page, select, count: int) -> None:
    """Pick the ``count``-th option of a native select with the arrow keys."""
    select.focus()
    for _ in range(count):
        page.keyboard.press("ArrowDown")


def test_child_plays_every_step_kind_with_the_keyboard(page, world):
    sign_in_card(page, "/inloggen/agent", world.class_code, "Snelle Vos")
    assert_accessible(page, "mission map")
    _go(page, page.get_by_role("link", name="Volgende missie: Alle soorten"))
    assert page.url.endswith("/agent/missie/alle-soorten")
    assert_accessible(page, "mission intro")
    _go(page, page.get_by_role("button", name="Start de missie"))

    assert_accessible(page, "info step")
    _go(page, page.get_by_role("button", name="Verder"))

    assert_accessible(page, "choice step")
    _press(page, page.get_by_label("Niet klikken"))
    _press(page, page.get_by_label("Vragen aan een volwassene"))
    _check_and_continue(page, "choice")

    assert_accessible(page, "truefalse step")
    _press(page, page.get_by_label("Waar", exact=True))
    _check_and_continue(page, "truefalse")

    assert_accessible(page, "hotspot step")
    _press(page, page.get_by_label("Betaal eerst 1,95 via pakket-betaal.example"))
    _check_and_continue(page, "hotspot")

    assert_accessible(page, "sort step")
    for label, category in (("Wachtwoord geheim houden", 1), ("Pincode delen", 2), ("Updates installeren", 1)):
        _choose(page, page.get_by_label(label), category)
    _check_and_continue(page, "sort")

    assert_accessible(page, "order step")
    for row in page.locator(".order-item").all():
        _choose(page, row.locator("select"), RIGHT_ORDER[row.locator("label").inner_text()])
    _check_and_continue(page, "order")

    assert_accessible(page, "password step")
    page.get_by_label("Je wachtzin").focus()
    page.keyboard.type("paarse olifant fietst naar Venlo")
    _check_and_continue(page, "password")

    assert page.get_by_role("heading", level=1).inner_text() == "Missie geslaagd!"
    assert "Twijfel? Niet klikken." in page.content()
    assert_accessible(page, "closing screen")


def test_wrong_answer_and_hint_screens_are_accessible(page, world):
    sign_in_card(page, "/inloggen/agent", world.class_code, "Snelle Vos")
    page.goto("/agent/missie/alle-soorten")
    page.get_by_role("button", name="Start de missie").click()
    page.get_by_role("button", name="Verder").click()
    page.get_by_label("Klikken", exact=True).check()
    page.get_by_role("button", name="Controleer").click()
    assert "Nog niet goed" in page.get_by_role("alert").inner_text()
    page.get_by_role("button", name="Laat een hint zien (halve punten)").click()
    assert "Er zijn twee goede antwoorden." in page.content()
    assert_accessible(page, "wrong answer with hint")


def test_sort_and_order_by_drag_and_drop(page, world):
    sign_in_card(page, "/inloggen/agent", world.class_code, "Snelle Vos")
    page.goto("/agent/missie/alle-soorten")
    page.get_by_role("button", name="Start de missie").click()
    page.get_by_role("button", name="Verder").click()
    page.get_by_label("Niet klikken").check()
    page.get_by_label("Vragen aan een volwassene").check()
    page.get_by_role("button", name="Controleer").click()
    page.get_by_role("link", name="Volgende").click()
    page.get_by_label("Waar", exact=True).check()
    page.get_by_role("button", name="Controleer").click()
    page.get_by_role("link", name="Volgende").click()
    page.get_by_label("Betaal eerst 1,95 via pakket-betaal.example").check()
    page.get_by_role("button", name="Controleer").click()
    page.get_by_role("link", name="Volgende").click()

    # Sort: drag each item into its category.
    zones = {"Veilig": page.locator('.sort-zone[data-value="0"]'), "Niet veilig": page.locator('.sort-zone[data-value="1"]')}
    for text, zone in (("Wachtwoord geheim houden", "Veilig"), ("Pincode delen", "Niet veilig"),
                       ("Updates installeren", "Veilig")):
        page.locator(".sort-item", has_text=text).locator("label").drag_to(zones[zone])
    assert zones["Niet veilig"].locator(".sort-item").count() == 1
    assert zones["Veilig"].locator(".sort-item").count() == 2
    assert_accessible(page, "sort step after dragging")
    page.get_by_role("button", name="Controleer").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Goed zo!"
    page.get_by_role("link", name="Volgende").click()

    # Order: drag the lines until they stand in the right order.
    for text in ("Stap een", "Stap twee", "Stap drie"):
        last = page.locator(".order-item").last
        page.locator(".order-item", has_text=text).locator("label").drag_to(last)
    assert page.locator(".order-item label").all_inner_texts() == ["Stap een", "Stap twee", "Stap drie"]
    page.get_by_role("button", name="Controleer").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Goed zo!"
    with page.expect_navigation(wait_until="load"):  # the meter's script must run before typing
        page.get_by_role("link", name="Volgende").click()

    # Passphrase: live feedback from the server while typing.
    page.get_by_label("Je wachtzin").press_sequentially("welkom1")
    expect(page.locator("#passphrase-meter")).to_contain_text("akkelijk te raden")
    assert_accessible(page, "passphrase with live feedback")
    page.get_by_label("Je wachtzin").fill("")
    page.get_by_label("Je wachtzin").press_sequentially("paarse olifant fietst naar Venlo")
    expect(page.locator("#passphrase-meter")).to_contain_text("Sterk genoeg")


def test_passphrase_meter_and_read_aloud(page, world):
    sign_in_card(page, "/inloggen/agent", world.class_code, "Snelle Vos")
    assert page.get_by_role("button", name="Voorlezen").is_visible()
    page.get_by_role("button", name="Voorlezen").click()
    assert page.get_by_role("button", name="Stop met voorlezen").get_attribute("aria-pressed") == "true"


def test_touch_screen_taps(browser, live_server, world):
    """A tablet: answers are tapped, not clicked."""
    context = browser.new_context(base_url=live_server.url, has_touch=True, is_mobile=True,
                                  viewport={"width": 768, "height": 1024})
    page = context.new_page()
    sign_in_card(page, "/inloggen/agent", world.class_code, "Snelle Vos")
    page.goto("/agent/missie/alle-soorten")
    page.get_by_role("button", name="Start de missie").tap()
    page.get_by_role("button", name="Verder").tap()
    page.get_by_text("Niet klikken", exact=True).tap()
    page.get_by_text("Vragen aan een volwassene", exact=True).tap()
    page.get_by_role("button", name="Controleer").tap()
    page.get_by_role("link", name="Volgende").tap()
    page.get_by_text("Waar", exact=True).tap()
    page.get_by_role("button", name="Controleer").tap()
    page.get_by_role("link", name="Volgende").tap()
    bubble = page.get_by_text("Betaal eerst 1,95 via pakket-betaal.example")
    bubble.tap()
    assert page.get_by_label("Betaal eerst 1,95 via pakket-betaal.example").is_checked()
    page.get_by_role("button", name="Controleer").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Goed zo!")
    assert "GEHEIME-UITLEG" in page.content()  # the why is shown after the answer
    context.close()

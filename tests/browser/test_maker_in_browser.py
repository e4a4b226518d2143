"""The Level Maker in Chromium: a child builds a hotspot step with the keyboard only; axe on the builder,
the preview and the teacher's review queue."""
from __future__ import annotations

from cyberquest.extensions import db
from cyberquest.models import Agent, MadeMission
from cyberquest.services import made_missions

from .conftest import assert_accessible
from .helpers import sign_in_card, sign_in_staff
from .test_play_in_browser import _go


def _tab_to(page, element_id: str) -> None:
    """Press Tab until the element has the focus, as a keyboard user would."""
    for _ in range(80):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def _type_into(page, element_id: str, text: str) -> None:
    _tab_to(page, element_id)
    page.keyboard.type(text)


def test_a_child_builds_a_hotspot_step_with_the_keyboard_only(page, app, world):
    sign_in_card(page, "/inloggen/agent", world.class_code, "Snelle Vos")
    page.goto("/agent/maker")
    assert_accessible(page, "level maker list")
    _go(page, page.get_by_role("button", name="Een nieuwe missie beginnen"))
    assert_accessible(page, "level maker: new mission")
    _type_into(page, "title", "Hoi mam!")
    _type_into(page, "intro", "Je krijgt een appje van een onbekend nummer.")
    _type_into(page, "tip", "Bel altijd even terug op het oude nummer.")
    _tab_to(page, "submit")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_text("Opgeslagen.").wait_for()

    link = page.get_by_role("link", name="Nepbericht: vind wat verdacht is")
    for _ in range(80):  # Tab to the link, then Enter
        if page.evaluate("document.activeElement && document.activeElement.textContent.trim()") == \
                "Nepbericht: vind wat verdacht is":
            break
        page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/stap/nieuw/hotspot" in page.url and link is not None
    assert_accessible(page, "level maker: hotspot step")
    _tab_to(page, "screen")
    page.keyboard.press("ArrowDown")  # WhatsApp -> SMS
    _type_into(page, "sender", "Onbekend nummer")
    _type_into(page, "parts-0-text", "Hoi mam, dit is mijn nieuwe nummer")
    _tab_to(page, "parts-0-suspicious")
    page.keyboard.press("Space")
    _type_into(page, "parts-0-why", "Een nieuw nummer is een bekende truc.")
    _type_into(page, "parts-1-text", "Wil je 300 euro overmaken?")
    _type_into(page, "parts-2-text", "Liefs")
    live = page.locator("#live-preview")
    live.get_by_text("Wil je 300 euro overmaken?").wait_for()  # the live preview follows the typing
    assert live.get_by_text("Onbekend nummer").count() == 1
    _tab_to(page, "submit")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_text("Stap 1 is opgeslagen.").wait_for()
    with app.app_context():
        made = made_missions.own(db.session, db.session.get(Agent, world.agent_id))[0]
        step = made.content["steps"][0]
        assert step["kind"] == "hotspot" and step["screen"] == "sms"
        assert [part["suspicious"] for part in step["parts"]] == [True, False, False]
        made_id = made.id
    page.goto(f"/agent/maker/{made_id}/voorbeeld?stap=1")
    assert page.get_by_text("Onbekend nummer").count() == 1
    assert_accessible(page, "level maker preview")


def test_the_review_queue_and_review_page_are_accessible(page, app, world):
    with app.app_context():
        agent = db.session.get(Agent, world.agent_id)
        made = made_missions.start(db.session, agent)
        made_missions.save_basics(made, "Nepwinkel", "Je ziet een superdeal.", "Check reviews eerst.")
        for step in ({"kind": "info", "text": "Een webwinkel met hele lage prijzen."},
                     {"kind": "truefalse", "statement": "Heel goedkoop is altijd te vertrouwen.", "answer": False},
                     {"kind": "hotspot", "screen": "email", "sender": "Superdeals", "subject": "Alleen vandaag!",
                      "parts": [{"text": "Nu 90% korting", "suspicious": True, "why": "Te mooi om waar te zijn."},
                                {"text": "Groetjes"}]}):
            made_missions.save_step(made, None, step)
        made_missions.submit(db.session, made, app.extensions["cyberquest.content"].kinds, frozenset())
        db.session.commit()
        made_id = made.id
    sign_in_staff(page, "teacher@school.example.nl")
    page.goto(f"/leerkracht/klassen/{world.class_id}/gemaakt")
    assert page.get_by_role("table", name="Missies om te beoordelen").get_by_role("link", name="Nepwinkel").count() == 1
    assert_accessible(page, "review queue")
    _go(page, page.get_by_role("link", name="Nepwinkel"))
    assert_accessible(page, "review page")
    page.get_by_label("Goedkeuren: de klas kan hem spelen").check()
    _go(page, page.get_by_role("button", name="Besluit opslaan"))
    page.get_by_text("Nepwinkel").first.wait_for()
    with app.app_context():
        assert db.session.get(MadeMission, made_id).status == "approved"

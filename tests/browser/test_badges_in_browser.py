"""Badges in Chromium: the celebration when a mission is finished, and the trophy rooms."""
from __future__ import annotations

from cyberquest.extensions import db
from cyberquest.models import BadgeAward, utcnow
from cyberquest.services import play

from .conftest import assert_accessible
from .helpers import sign_in_card
from .test_play_in_browser import _go


def _at_last_step(app, world, mission_id: str = "alle-soorten") -> None:
    """Everything but the last step (the passphrase) already played."""
    with app.app_context():
        mission = app.extensions["cyberquest.content"].pack.missions[mission_id]
        state = play.progress(db.session, world.agent_id, world.season_id, mission.id)
        state.position = len(mission.steps) - 1
        db.session.commit()


def test_finishing_a_mission_shows_the_celebration(page, app, world):
    _at_last_step(app, world)
    sign_in_card(page, "/inloggen/agent", world.class_code, "Snelle Vos")
    page.goto("/agent/missie/alle-soorten")
    page.get_by_label("Je wachtzin").fill("paarse olifant fietst naar Venlo")
    _go(page, page.get_by_role("button", name="Controleer"))
    celebration = page.locator("section.celebration")
    assert celebration.get_by_role("heading", level=2).inner_text() == "6 nieuwe badges verdiend!"
    assert "Missie klaar" in celebration.inner_text()
    assert_accessible(page, "celebration on the feedback page")
    _go(page, page.get_by_role("link", name="Bekijk je resultaat"))
    assert page.locator("section.celebration").count() == 1  # until it is closed
    _go(page, page.get_by_role("button", name="Top, bedankt!"))
    assert page.url.endswith("/agent/missie/alle-soorten")
    assert page.locator("section.celebration").count() == 0


def test_the_celebration_respects_reduced_motion(browser, live_server, app, world):
    with app.app_context():
        db.session.add(BadgeAward(agent_id=world.agent_id, badge_id="t-missie", awarded_at=utcnow()))
        db.session.commit()
    context = browser.new_context(base_url=live_server.url, reduced_motion="reduce")
    page = context.new_page()
    sign_in_card(page, "/inloggen/agent", world.class_code, "Snelle Vos")
    badge_image = page.locator(".celebration-badges img")
    assert badge_image.evaluate("element => getComputedStyle(element).animationName") == "none"
    assert page.locator(".celebration-burst").evaluate("element => getComputedStyle(element).display") == "none"
    context.close()


def test_trophy_rooms_show_earned_and_unearned_badges(page, app, world):
    with app.app_context():
        db.session.add_all([BadgeAward(agent_id=world.agent_id, badge_id="t-missie", awarded_at=utcnow(),
                                       seen_at=utcnow()),
                            BadgeAward(learner_id=world.learner_id, badge_id="t-cursus", awarded_at=utcnow())])
        db.session.commit()
    sign_in_card(page, "/inloggen/agent", world.class_code, "Snelle Vos")
    page.get_by_role("link", name="Mijn badges").first.click()
    earned = page.locator(".trophy:not(.trophy-locked)")
    assert earned.count() == 1 and "Missie klaar" in earned.inner_text()
    locked = page.locator(".trophy-locked")
    assert locked.count() == 12 and "Nog niet verdiend" in locked.first.inner_text()
    assert locked.first.locator("img").evaluate("element => getComputedStyle(element).filter") == "grayscale(1)"
    assert_accessible(page, "agent trophy room")

    page.get_by_role("button", name="Wissel van agent").click()
    sign_in_card(page, "/inloggen/cursist", world.group_code, "Annie")
    page.get_by_role("button", name="A++ Extra grote tekst", exact=True).click()
    page.get_by_role("button", name="Hoog contrast").click()
    assert_accessible(page, "learner home with a new badge, extra large and high contrast")
    page.goto("/cursist/badges")
    assert page.locator(".trophy:not(.trophy-locked)").count() == 1
    assert page.get_by_role("link", name="Vul uw e-mailadres in (niet verplicht)").count() == 1
    assert_accessible(page, "learner trophy room, extra large and high contrast")

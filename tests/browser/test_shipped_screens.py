"""axe on every screen variant of the shipped missions: each step kind, each hotspot screen."""
from __future__ import annotations

from pathlib import Path

import pytest

from cyberquest import create_app
from cyberquest.extensions import db
from cyberquest.services import courses, play

from .conftest import LiveServer, assert_accessible
from .helpers import sign_in_card

MODULES = Path(__file__).resolve().parents[2] / "modules"


@pytest.fixture(scope="module")
def shipped_server(database_url):
    """The same database, served by an app that reads the project's own modules/."""
    app = create_app({"ENV": "test", "SQLALCHEMY_DATABASE_URI": database_url, "MODULES_DIR": str(MODULES)})
    with LiveServer(app) as server:
        yield server


def _variants(pack) -> dict[str, tuple[str, int]]:
    """One (mission, position) for every step kind and every hotspot screen."""
    found: dict[str, tuple[str, int]] = {}
    for mission in sorted(pack.missions.values(), key=lambda m: m.id):
        for position, step in enumerate(mission.steps):
            variant = f"hotspot-{step.data['screen']}" if step.kind == "hotspot" else step.kind
            found.setdefault(variant, (mission.id, position))
    return found


def test_every_screen_of_the_shipped_missions(browser, shipped_server, world):
    app = shipped_server.app
    pack = app.extensions["cyberquest.content"].pack
    context = browser.new_context(base_url=shipped_server.url)
    page = context.new_page()
    sign_in_card(page, "/inloggen/agent", world.class_code, "Snelle Vos")
    first = sorted(pack.missions)[0]
    page.goto(f"/agent/missie/{first}")
    assert_accessible(page, f"intro of {first}")
    for mode in ("normal", "extra large, high contrast"):
        if mode != "normal":
            page.get_by_role("button", name="A++ Extra grote tekst", exact=True).click()
            page.get_by_role("button", name="Hoog contrast").click()
        for variant, (mission_id, position) in sorted(_variants(pack).items()):
            with app.app_context():
                state = play.progress(db.session, world.agent_id, world.season_id, mission_id)
                state.position = position
                db.session.commit()
            page.goto(f"/agent/missie/{mission_id}")
            assert page.locator(f".step-{variant.split('-')[0]}").count() == 1, variant
            assert_accessible(page, f"{variant} in {mission_id} ({mode})")
    with app.app_context():
        state = play.progress(db.session, world.agent_id, world.season_id, first)
        state.position = len(pack.missions[first].steps)
        db.session.commit()
    page.goto(f"/agent/missie/{first}")
    assert_accessible(page, f"closing screen of {first}")
    context.close()


def test_every_screen_of_the_shipped_courses(browser, shipped_server, world):
    app = shipped_server.app
    pack = app.extensions["cyberquest.content"].pack
    variants: dict[str, tuple[str, str, int]] = {}
    for course in sorted(pack.courses.values(), key=lambda c: c.id):
        for lesson in course.lessons:
            for position, step in enumerate(lesson.steps):
                variant = f"hotspot-{step.data['screen']}" if step.kind == "hotspot" else step.kind
                variants.setdefault(variant, (course.id, lesson.id, position))
    context = browser.new_context(base_url=shipped_server.url)
    page = context.new_page()
    sign_in_card(page, "/inloggen/cursist", world.group_code, "Annie")
    page.get_by_role("button", name="A++ Extra grote tekst", exact=True).click()
    page.get_by_role("button", name="Hoog contrast").click()
    assert_accessible(page, "learner home with the shipped courses")
    for variant, (course_id, lesson_id, position) in sorted(variants.items()):
        with app.app_context():
            state = courses.progress(db.session, world.learner_id, course_id, lesson_id)
            state.position = position
            db.session.commit()
        page.goto(f"/cursist/cursus/{course_id}/les/{lesson_id}")
        assert page.locator(f".step-{variant.split('-')[0]}").count() == 1, variant
        assert_accessible(page, f"{variant} in {course_id}/{lesson_id}")
    context.close()

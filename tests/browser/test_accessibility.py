"""axe-core finds no WCAG 2.1 A/AA violation on any page, for every role and display mode."""
from __future__ import annotations

import pytest

from .conftest import PHONE, assert_accessible, assert_no_sideways_scroll
from .helpers import sign_in_card, sign_in_staff

# endpoint -> path; "{...}" is filled from the test world.
PUBLIC_PAGES = {
    "main.index": "/",
    "auth.sign_in": "/inloggen",
    "auth.agent_sign_in": "/inloggen/agent",
    "auth.learner_sign_in": "/inloggen/cursist",
    "auth.staff_sign_in": "/inloggen/medewerker",
    "auth.card_token_sign_in": "/inloggen/kaart",
    "auth.sign_up": "/aanmelden",
    "main.display_settings": "/weergave",
    "open_badges.criteria": "/openbadges/badges/t-cursus",
    "main.privacy": "/privacy",
    "boards.municipalities": "/ranglijst",
    "boards.schools": "/ranglijst/gemeenten/{maastricht_id}",
    "boards.embed": "/embed/leaderboard",
    "main.privacy_children": "/privacy/kinderen",
}
ROLE_PAGES = {
    ("agent", "agent.home"): "/agent/",
    ("agent", "agent.avatar"): "/agent/avatar",
    ("agent", "agent.trophies"): "/agent/badges",
    ("agent", "agent.class_board"): "/agent/klassenbord",
    ("learner", "learner.trophies"): "/cursist/badges",
    ("learner", "learner.home"): "/cursist/",
    ("learner", "learner.email"): "/cursist/email",
    ("teacher", "teacher.home"): "/leerkracht/",
    ("teacher", "teacher.new_class"): "/leerkracht/klassen/nieuw",
    ("teacher", "teacher.class_detail"): "/leerkracht/klassen/{class_id}",
    ("teacher", "teacher.progress"): "/leerkracht/klassen/{class_id}/voortgang",
    ("teacher", "teacher.agent_detail"): "/leerkracht/klassen/{class_id}/agenten/{agent_id}",
    ("teacher", "teacher.ceremony"): "/leerkracht/klassen/{class_id}/ceremonie",
    ("teacher", "teacher.made_queue"): "/leerkracht/klassen/{class_id}/gemaakt",
    ("teacher", "teacher.erase_agent"): "/leerkracht/klassen/{class_id}/agenten/{agent_id}/wissen",
    ("teacher", "teacher.quests"): "/leerkracht/klassen/{class_id}/klassenquests",
    ("teacher", "teacher.manage"): "/leerkracht/klassen/{class_id}/beheer",
    ("teacher", "teacher.quest_step"): "/leerkracht/klassen/{class_id}/klassenquests/klassenquest",
    ("trainer", "trainer.home"): "/begeleider/",
    ("trainer", "trainer.new_group"): "/begeleider/groepen/nieuw",
    ("trainer", "trainer.group_detail"): "/begeleider/groepen/{group_id}",
    ("trainer", "trainer.route"): "/begeleider/groepen/{group_id}/deelnemers/{learner_id}/route",
    ("trainer", "trainer.learner_progress"): "/begeleider/groepen/{group_id}/deelnemers/{learner_id}",
    ("trainer", "trainer.progress"): "/begeleider/groepen/{group_id}/voortgang",
    ("trainer", "trainer.erase_learner"): "/begeleider/groepen/{group_id}/deelnemers/{learner_id}/wissen",
    ("coordinator", "municipality.home"): "/gemeente/",
    ("coordinator", "municipality.overview"): "/gemeente/{maastricht_id}",
    ("coordinator", "municipality.edit"): "/gemeente/{maastricht_id}/gegevens",
    ("coordinator", "municipality.places"): "/gemeente/{maastricht_id}/scholen",
    ("coordinator", "municipality.ceremony"): "/gemeente/{maastricht_id}/ceremonie",
    ("coordinator", "municipality.made_missions_page"): "/gemeente/{maastricht_id}/gemaakte-missies",
    ("coordinator", "municipality.edit_place"): "/gemeente/{maastricht_id}/scholen/{school_id}",
    ("admin", "admin.home"): "/beheer/",
    ("admin", "admin.places"): "/beheer/scholen",
    ("admin", "admin.seasons"): "/beheer/seizoenen",
    ("admin", "admin.municipalities"): "/beheer/gemeenten",
    ("admin", "admin.edit_place"): "/beheer/scholen/{school_id}",
    ("admin", "admin.ceremonies_page"): "/beheer/ceremonies",
    ("admin", "admin.made_missions_page"): "/beheer/gemaakte-missies",
}
NOT_PAGES = {"static", "main.healthz", "learner.certificate", "trainer.workbook",  # files and JSON, not pages
             "learner.open_badge", "open_badges.issuer", "open_badges.badge_class", "open_badges.assertion",
             "teacher.progress_csv", "teacher.report_pdf", "teacher.consent_letters_pdf", "teacher.export_agent",
             "api.seasons", "api.municipalities", "api.schools", "api.openapi_document", "municipality.summary", "admin.ceremony_download", "admin.export_made_mission",
             "trainer.progress_csv", "trainer.report_pdf", "trainer.export_learner"}
# Pages reached by a POST or a redirect; scanned in the journeys and in the tests below.
OTHER_PAGES = {"auth.second_factor_step", "agent.mission",  # see test_play_in_browser.py
               "learner.course", "learner.lesson",  # see test_course_in_browser.py
               "boards.classes",  # see test_boards_in_browser.py
               "admin.ceremony", "admin.ceremony_job", "admin.edit_ceremony",  # see test_ceremony_in_browser.py
               "agent.maker", "agent.maker_mission", "agent.maker_step", "agent.maker_preview",  # test_maker_in_browser
               "teacher.made_review"}

SIGN_IN = {
    "agent": lambda page, w: sign_in_card(page, "/inloggen/agent", w.class_code, "Snelle Vos"),
    "learner": lambda page, w: sign_in_card(page, "/inloggen/cursist", w.group_code, "Annie"),
    "teacher": lambda page, w: sign_in_staff(page, "teacher@school.example.nl"),
    "trainer": lambda page, w: sign_in_staff(page, "trainer@library.example.nl"),
    "coordinator": lambda page, w: sign_in_staff(page, "coordinator@maastricht.example.nl"),
    "admin": lambda page, w: sign_in_staff(page, "admin@region.example.nl"),
}


def _pages_of(role: str, world) -> list[tuple[str, str]]:
    """The role's pages as (endpoint, path), the path filled from the test world."""
    return [(endpoint, path.format(**world.__dict__)) for (page_role, endpoint), path in ROLE_PAGES.items()
            if page_role == role]


def test_the_page_lists_cover_every_page_of_the_app(app):
    get_endpoints = {
        rule.endpoint for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and rule.endpoint not in NOT_PAGES
    }
    listed = set(PUBLIC_PAGES) | {endpoint for _role, endpoint in ROLE_PAGES} | OTHER_PAGES
    assert get_endpoints - listed == set(), "add new pages to the accessibility scan"


@pytest.mark.parametrize("endpoint", sorted(PUBLIC_PAGES))
def test_public_pages(page, world, endpoint):
    page.goto(PUBLIC_PAGES[endpoint].format(**world.__dict__))
    assert_accessible(page, endpoint)


def test_error_page(page, world):
    page.goto("/bestaat-niet")
    assert page.get_by_role("heading", level=1).inner_text() == "Pagina niet gevonden"
    assert_accessible(page, "404")


@pytest.mark.parametrize("role", sorted(SIGN_IN))
def test_pages_of_each_role(page, world, role):
    SIGN_IN[role](page, world)
    for endpoint, path in _pages_of(role, world):
        page.goto(path)
        assert page.url.endswith(path) or endpoint.endswith(".home")
        assert_accessible(page, endpoint)


@pytest.mark.parametrize("role", sorted(SIGN_IN))
def test_pages_of_each_role_fit_a_phone(page, world, role):
    """At a phone's width no page scrolls sideways; a wide table scrolls in its own box."""
    page.set_viewport_size(PHONE)
    SIGN_IN[role](page, world)
    for endpoint, path in _pages_of(role, world):
        page.goto(path)
        assert_no_sideways_scroll(page, endpoint)


def test_public_pages_fit_a_phone(page, world):
    page.set_viewport_size(PHONE)
    for endpoint, path in PUBLIC_PAGES.items():
        page.goto(path.format(**world.__dict__))
        assert_no_sideways_scroll(page, endpoint)


@pytest.mark.parametrize("size", ["large", "xlarge"])
def test_large_text_and_high_contrast(page, world, size):
    """Seniors' modes: every text size with high contrast on, on a content-rich page."""
    sign_in_card(page, "/inloggen/cursist", world.group_code, "Annie")
    page.get_by_role("button", name="Hoog contrast").click()
    page.get_by_role("button", name={"large": "A+ Grote tekst", "xlarge": "A++ Extra grote tekst"}[size], exact=True).click()
    assert page.locator("html").get_attribute("class") == f"text-{size} high-contrast"
    assert_accessible(page, f"learner home {size} high contrast")
    page.goto("/weergave")
    assert_accessible(page, f"display settings {size} high contrast")


def test_english_pages(page, world):
    page.goto("/")
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page, "index in English")
    page.goto("/aanmelden")
    assert_accessible(page, "sign-up in English")

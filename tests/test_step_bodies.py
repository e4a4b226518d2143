"""A mission's step is rendered once per step, language, position, hint and wrong answer and then reused
(web/step_bodies.py): no child's token, hint or wrong answer may show on another child's page."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from jinja2 import meta

from cyberquest.extensions import db
from cyberquest.web.step_bodies import TEMPLATE, step_body
from tests.conftest import Auth
from tests.factories import PIN, make_agent
from tests.test_page_chrome import TOKENS

MISSION = "/agent/missie/alle-soorten"
# The key's values, the form token's marker, what depends on nothing else, and the meter's address, which
# step_body.html sets for the step templates from the mission and step.
ALLOWED_NAMES = {"_", "url_for", "mission", "step", "position", "total", "order", "hint_shown", "wrong",
                 "form_token", "range", "meter_url"}
STEP_TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "steps"


def _names_used(app, name: str) -> set[str]:
    return set(meta.find_undeclared_variables(app.jinja_env.parse(app.jinja_env.loader.get_source(app.jinja_env,
                                                                                                   name)[0])))


def test_step_templates_see_only_their_key(app):
    names = [TEMPLATE] + [f"steps/{path.name}" for path in sorted(STEP_TEMPLATES.glob("*.html"))]
    assert len(names) > 5
    for name in names:
        used = _names_used(app, name)
        assert used <= ALLOWED_NAMES, f"{name} uses {sorted(used - ALLOWED_NAMES)}, which the key does not cover"


def _children_at_the_first_question(app, world) -> list[Auth]:
    with app.app_context():
        make_agent(db.session, world.class_id, "Stille Uil")
        db.session.commit()
    children = []
    for name in ("Snelle Vos", "Stille Uil"):
        child = Auth(app.test_client())
        child.agent(world.class_code, name, PIN)
        child.client.post(f"{MISSION}/start", data={"csrf_token": child.token(MISSION)})
        child.client.post(f"{MISSION}/stap/welkom", data={"csrf_token": child.token(MISSION)})
        children.append(child)
    return children


def test_a_kept_step_shows_each_child_their_own_token_hint_and_mistake(app, world):
    kept = app.extensions["cyberquest.step_bodies"].kept
    kept.clear()
    fox, owl = _children_at_the_first_question(app, world)
    wrong = fox.post(f"{MISSION}/stap/klikken", {"option": ["0"]}).get_data(as_text=True)
    assert "Nog niet goed" in wrong
    fox.post(f"{MISSION}/stap/klikken/hint", {})
    fox_page, owl_page = (child.client.get(MISSION).get_data(as_text=True) for child in (fox, owl))
    assert "Hint:" in fox_page and "Hint:" not in owl_page
    assert "Nog niet goed" not in owl_page
    fox_tokens, owl_tokens = set(TOKENS.findall(fox_page)), set(TOKENS.findall(owl_page))
    assert len(fox_tokens) == len(owl_tokens) == 1 and fox_tokens != owl_tokens
    assert any(key[:2] == ("alle-soorten", "klikken") for key in kept), "the step was kept"

    owl.client.post("/taal", data={"csrf_token": owl_tokens.pop(), "locale": "en"})
    english = owl.client.get(MISSION).get_data(as_text=True)
    assert "step 2 of" in english and ">Check</button>" in english
    assert "stap 2 van" in fox.client.get(MISSION).get_data(as_text=True)
    answered = owl.client.post(f"{MISSION}/stap/klikken", data={"csrf_token": TOKENS.search(english).group(1),
                                                                 "option": ["1", "2"]})
    assert "+10 XP" in answered.get_data(as_text=True)


def test_shuffled_and_made_steps_are_never_kept(app, world, auth):
    kept = app.extensions["cyberquest.step_bodies"].kept
    pack = app.extensions["cyberquest.content"].pack
    mission = pack.missions["alle-soorten"]
    made = dataclasses.replace(mission)  # a mission not from the pack, like one a child made
    with app.test_request_context("/"):
        kept.clear()
        order_step = next(step for step in mission.steps if step.kind == "order")
        step_body(mission, order_step, 5, [2, 0, 1], False, False)
        step_body(made, made.steps[1], 1, None, False, False)
        assert kept == {}
        step_body(mission, mission.steps[1], 1, None, False, False)
        assert len(kept) == 1

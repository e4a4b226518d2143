"""Every route of the app's URL map, requested as a visitor and as every role, against the table below.

The table is kept here, apart from the views' own ``authorize`` declarations, so a route whose access
changes, or a new route without an entry, fails this test. Where a route is about something owned (a
class, a group, a municipality, a made mission, a senior's confirmation), each role asks for its own and
for someone else's, and for its own parent with someone else's child (``/klassen/<own>/agenten/<other>``).
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import date, time

import pytest
from flask import Flask
from sqlalchemy import select

from cyberquest.extensions import db
from cyberquest.models import (Agent, Ceremony, HelperConfirmation, Learner, Library, MadeMission, Season,
                               StaffUser)
from cyberquest.services import bridge, ceremonies
from cyberquest.services import made_mission_content as made_content
from cyberquest.services.groups import create_class, create_group
from cyberquest.services.secrets import hash_secret

from .conftest import Auth, csrf_from, empty_all
from .factories import PIN, World, build_world, make_agent, make_staff

PUBLIC = frozenset({"public"})
AGENT, LEARNER = frozenset({"agent"}), frozenset({"learner"})
ADMIN, TEACHER, TRAINER = frozenset({"admin"}), frozenset({"teacher"}), frozenset({"trainer"})
COORDINATOR = frozenset({"coordinator"})
CLASS_STAFF, GROUP_STAFF = frozenset({"teacher", "admin"}), frozenset({"trainer", "admin"})
MUNICIPALITY_STAFF = frozenset({"coordinator", "admin"})
PLAYERS = frozenset({"agent", "learner"})

# Who may use each endpoint. Ownership follows from the URL's parameters (see OWNED).
EXPECTED: dict[str, frozenset[str]] = {
    "static": PUBLIC, "main.index": PUBLIC, "main.healthz": PUBLIC, "main.privacy": PUBLIC,
    "main.privacy_children": PUBLIC, "main.set_language": PUBLIC, "main.display_settings": PUBLIC,
    "main.badges_seen": PLAYERS,
    "auth.sign_in": PUBLIC, "auth.sign_up": PUBLIC, "auth.agent_sign_in": PUBLIC, "auth.learner_sign_in": PUBLIC,
    "auth.card_token_sign_in": PUBLIC, "auth.staff_sign_in": PUBLIC, "auth.second_factor_step": PUBLIC,
    "auth.sign_out": PUBLIC,
    "api.municipalities": PUBLIC, "api.schools": PUBLIC, "api.openapi_document": PUBLIC, "api.seasons": PUBLIC,
    "boards.embed": PUBLIC, "boards.municipalities": PUBLIC, "boards.schools": PUBLIC, "boards.classes": PUBLIC,
    "open_badges.assertion": PUBLIC, "open_badges.criteria": PUBLIC, "open_badges.badge_class": PUBLIC,
    "open_badges.issuer": PUBLIC,
    **dict.fromkeys([
        "agent.home", "agent.avatar", "agent.trophies", "agent.class_board", "agent.redeem_quest", "agent.maker",
        "agent.maker_mission", "agent.maker_submit", "agent.maker_step", "agent.maker_step_action",
        "agent.maker_play", "agent.maker_preview", "agent.maker_live_preview", "agent.maker_try_step",
        "agent.maker_new", "agent.mission", "agent.submit", "agent.hint", "agent.passphrase_meter", "agent.start",
    ], AGENT),
    **dict.fromkeys([
        "learner.home", "learner.trophies", "learner.open_badge", "learner.course", "learner.certificate",
        "learner.lesson", "learner.submit", "learner.passphrase_meter", "learner.email", "learner.confirm_help",
    ], LEARNER),
    "teacher.home": TEACHER, "teacher.new_class": TEACHER,
    "teacher.note": TEACHER,  # a private note is for the class's own teachers, not even for an admin
    **dict.fromkeys([
        "teacher.class_detail", "teacher.add_agents", "teacher.agent_detail", "teacher.export_agent",
        "teacher.new_card", "teacher.rename", "teacher.review_offline", "teacher.merge",
        "teacher.record_consent", "teacher.withdraw_consent", "teacher.move", "teacher.erase_agent",
        "teacher.manage", "teacher.manage_action", "teacher.ceremony", "teacher.made_queue", "teacher.made_review",
        "teacher.print_cards", "teacher.quests", "teacher.quest_step", "teacher.quest_code", "teacher.unlock",
        "teacher.report_pdf", "teacher.consent_letters_pdf", "teacher.progress", "teacher.progress_csv",
    ], CLASS_STAFF),
    "trainer.home": TRAINER, "trainer.new_group": TRAINER,
    **dict.fromkeys([
        "trainer.workbook", "trainer.group_detail", "trainer.print_certificates", "trainer.add_learner",
        "trainer.learner_progress", "trainer.export_learner", "trainer.new_card", "trainer.route",
        "trainer.erase_learner", "trainer.print_cards", "trainer.unlock", "trainer.report_pdf", "trainer.progress",
        "trainer.progress_csv",
    ], GROUP_STAFF),
    "municipality.home": COORDINATOR,
    **dict.fromkeys([
        "municipality.overview", "municipality.places", "municipality.edit_place", "municipality.ceremony",
        "municipality.edit", "municipality.made_missions_page", "municipality.share_made_mission",
        "municipality.summary", "approvals.approve", "approvals.reject",
    ], MUNICIPALITY_STAFF),
    **dict.fromkeys([
        "admin.home", "admin.places", "admin.edit_place", "admin.ceremonies_page", "admin.ceremony",
        "admin.edit_ceremony", "admin.ceremony_mayors", "admin.generate", "admin.ceremony_job",
        "admin.ceremony_download", "admin.made_missions_page", "admin.export_made_mission", "admin.municipalities",
        "admin.seasons", "admin.archive_season", "admin.season_cutoff", "admin.unlock_staff",
    ], ADMIN),
}

# Routes whose object the matrix world does not make (a finished ceremony pack, an issued Open Badge, a finished
# course, a made mission's steps, an offline task waiting for review): a 404 is what a permitted person gets there.
NOT_MADE_HERE = {"admin.ceremony_download", "open_badges.assertion", "learner.open_badge", "learner.certificate",
                 "agent.maker_try_step", "teacher.review_offline"}

# URL parameters naming something a person owns; the others are the same for everyone.
OWNED = {"class_id", "agent_id", "group_id", "learner_id", "municipality_id", "item_id", "made_id",
         "confirmation_id", "staff_id"}
ROLES = ["visitor", "agent", "learner", "teacher", "trainer", "coordinator", "admin"]


@dataclass(frozen=True)
class MatrixWorld:
    own: dict[str, object]
    other: dict[str, object]
    shared: dict[str, object]
    forms: dict[str, dict[str, str]]  # what a few POSTs need besides the CSRF token to reach their object


def build_matrix_world(app: Flask, world: World) -> MatrixWorld:
    """The test world plus a second trainer's group, made missions, seniors' confirmations, sign-ups waiting for
    approval and a ceremony with a job: one of each for the signed-in people, and one of someone else's."""
    with app.app_context():
        session = db.session
        season = session.get(Season, world.season_id)
        library = Library(name="Bibliotheek Heerlen", municipality_id=world.heerlen_id)
        session.add(library)
        session.flush()
        other_trainer = make_staff(session, "other.trainer@library.example.nl", "trainer", library_id=library.id)
        other_group = create_group(session, other_trainer, library.id, "Digitaal Café", code="ANDGRP")
        other_learner = Learner(group=other_group, first_name="Bert", name_key="bert",
                                pin_hash=hash_secret(PIN, "fast"))
        session.add(other_learner)
        other_agent = session.scalar(select(Agent).where(Agent.class_id == world.other_class_id))
        made = {}
        for side, agent_id, class_id in (("own", world.agent_id, world.class_id),
                                         ("other", other_agent.id, world.other_class_id)):
            mission = MadeMission(agent_id=agent_id, class_id=class_id, season_id=season.id, status="approved",
                                  content=made_content.empty())
            session.add(mission)
            made[side] = mission
        confirmations = {}
        for side, learner_id, agent_id in (("own", world.learner_id, world.agent_id),
                                           ("other", other_learner.id, other_agent.id)):
            session.flush()
            code = bridge.current_code(session, learner_id)
            confirmation = HelperConfirmation(helper_code_id=code.id, agent_id=agent_id, season_id=season.id,
                                              mission_id="oma-helpen")
            session.add(confirmation)
            confirmations[side] = confirmation
        waiting_here = make_staff(session, "new.teacher@school.example.nl", "teacher", approved=False,
                                  school_id=world.school_id)
        waiting_there = make_staff(session, "new.teacher@kompas.example.nl", "teacher", approved=False,
                                   school_id=world.other_school_id)
        ceremony = Ceremony(season_id=season.id, name="Cyber Agents Zuid-Limburg", held_on=date(2027, 6, 20),
                            starts_at=time(13, 0), venue_name="Theater aan het Vrijthof",
                            venue_address="Vrijthof 47, Maastricht", capacity=40,
                            municipality_ids=[world.maastricht_id, world.heerlen_id], mayors={})
        session.add(ceremony)
        session.flush()
        job = ceremonies.start_job(session, ceremony)
        duplicate = make_agent(session, world.class_id, "Tweede Kaart")
        next_class = create_class(session, session.get(StaffUser, world.teacher_id), world.school_id, season,
                                  "Groep 8B", code="KLAS8B")
        session.commit()
        own = {"class_id": world.class_id, "agent_id": world.agent_id, "group_id": world.group_id,
               "learner_id": world.learner_id, "municipality_id": world.maastricht_id, "item_id": world.school_id,
               "made_id": made["own"].id, "confirmation_id": confirmations["own"].id, "staff_id": waiting_here.id}
        other = {"class_id": world.other_class_id, "agent_id": other_agent.id, "group_id": other_group.id,
                 "learner_id": other_learner.id, "municipality_id": world.heerlen_id,
                 "item_id": world.other_school_id, "made_id": made["other"].id,
                 "confirmation_id": confirmations["other"].id, "staff_id": waiting_there.id}
        shared = {"mission_id": "alle-soorten", "step_key": "klikken", "course_id": "veilig-appen",
                  "lesson_id": "herkennen", "badge_id": "t-missie", "kind": "scholen", "action": "bord-verbergen",
                  "number": 1, "token": "geen-bestaand-token", "ceremony_id": ceremony.id, "job_id": job.id,
                  "season_id": world.season_id, "school_id": world.school_id, "filename": "css/app.css"}
        return MatrixWorld(own, other, shared, forms={
            "teacher.merge": {"duplicate": str(duplicate.id)}, "teacher.move": {"target": str(next_class.id)}})


# Parameters that mean something else on a few routes.
PARAMETER_OVERRIDES = {
    "agent.maker_step": {"kind": "truefalse"}, "agent.maker_live_preview": {"kind": "truefalse"},
    "agent.maker_step_action": {"action": "omlaag"}, "teacher.quest_step": {"mission_id": "klassenquest"},
    "teacher.quest_code": {"mission_id": "klassenquest"}, "teacher.review_offline": {"mission_id": "buiten"},
    "learner.submit": {"step_key": "pincode"}, "learner.passphrase_meter": {"step_key": "pincode"},
}


def sign_in(auth: Auth, world: World, role: str) -> None:
    """Through the real sign-in forms; a visitor stays signed out."""
    signed = {
        "visitor": lambda: None,
        "agent": lambda: auth.agent(world.class_code, "Snelle Vos", PIN),
        "learner": lambda: auth.learner(world.group_code, "Annie", PIN),
        "teacher": lambda: auth.staff("teacher@school.example.nl"),
        "trainer": lambda: auth.staff("trainer@library.example.nl"),
        "coordinator": lambda: auth.staff("coordinator@maastricht.example.nl"),
        "admin": lambda: auth.staff("admin@region.example.nl"),
    }[role]()
    if signed is not None:
        assert signed.status_code == 302 and "/inloggen" not in signed.headers["Location"], role


PARAMETER = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def requests_for(app: Flask, matrix: MatrixWorld, role: str):
    """(endpoint, method, path, side) for every rule and method; ``side`` is "own", "other" or "mixed" (own
    parent, someone else's child) for routes about owned things, else "none"."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        owned = [name for name in PARAMETER.findall(rule.rule) if name in OWNED]  # in the URL's order
        sides = ["own", "other"] + (["mixed"] if len(owned) > 1 else []) if owned else ["none"]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for side in sides:
                values = {**matrix.shared, **PARAMETER_OVERRIDES.get(rule.endpoint, {})}
                for position, name in enumerate(owned):
                    chosen = "own" if side == "own" or (side == "mixed" and position == 0) else "other"
                    values[name] = (matrix.own if chosen == "own" else matrix.other)[name]
                with app.test_request_context():
                    path = rule.build({name: values[name] for name in rule.arguments}, append_unknown=False)[1]
                yield rule.endpoint, method, path, side


def classify(response) -> str:
    location = response.headers.get("Location", "")
    if response.status_code >= 500:
        return "error"
    if response.status_code in (301, 302, 303) and location.startswith("/inloggen"):
        return "sign-in"
    if response.status_code == 403:
        return "forbidden"
    if response.status_code == 404:
        return "missing"
    return "served"


def expected(endpoint: str, role: str, side: str) -> set[str]:
    """The outcomes allowed for ``role`` asking for ``endpoint`` on ``side``."""
    allowed = EXPECTED[endpoint]
    if allowed is PUBLIC:
        return {"served", "sign-in", "missing"}  # public pages may send to sign-in (the second step) or not find
    if role == "visitor":
        return {"sign-in"}
    if side == "mixed":  # a child of another parent is nobody's to open
        return {"forbidden", "missing"}
    if role not in allowed:
        return {"forbidden"}
    if side == "other" and role != "admin":
        return {"forbidden", "missing"}
    return {"served", "missing"} if endpoint in NOT_MADE_HERE else {"served"}


def outcome_of(client, method: str, path: str, token: str, form: dict | None = None) -> str:
    if method == "GET":
        response = client.get(path)
    else:
        response = client.post(path, data={"csrf_token": token, **(form or {})})
    response.close()  # a static file is streamed from an open file
    return classify(response)


def test_every_route_has_an_entry_in_the_table(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - set(EXPECTED) == set(), "new routes need an entry in EXPECTED"
    assert set(EXPECTED) - endpoints == set(), "EXPECTED names routes that no longer exist"


@pytest.mark.parametrize("role", ROLES)
def test_no_role_reaches_what_it_should_not(app, client, auth, world, role):
    """Every route and method as ``role``, except the allowed POSTs on one's own things, which change data
    and run in a fresh world each (below). Sign-out goes last, as it ends the session."""
    matrix = build_matrix_world(app, world)
    sign_in(auth, world, role)
    token = csrf_from(client.get("/weergave").get_data(as_text=True))
    wrong = []
    checked = 0
    planned = sorted(requests_for(app, matrix, role), key=lambda r: r[0] == "auth.sign_out")
    for endpoint, method, path, side in planned:
        allowed = expected(endpoint, role, side)
        if method == "POST" and "served" in allowed and EXPECTED[endpoint] is not PUBLIC:
            continue
        outcome = outcome_of(client, method, path, token)
        checked += 1
        if outcome not in allowed:
            wrong.append((method, path, side, outcome, sorted(allowed)))
    assert wrong == []
    assert checked > 150


def _wait_for_ceremony_jobs() -> None:
    for thread in threading.enumerate():
        if thread.name.endswith("(run_job)"):
            thread.join(timeout=60)


@pytest.mark.parametrize("role", ROLES[1:])
def test_every_role_may_post_on_its_own_things(app, world, role):
    """Each POST a role may make on its own things, each in a fresh world and session (they change data)."""
    posting = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    endpoints = sorted(endpoint for endpoint, roles in EXPECTED.items() if role in roles and endpoint in posting)
    checked = 0
    for endpoint in endpoints:
        empty_all(app)
        with app.app_context():
            fresh = build_world(db.session)
            db.session.commit()
        matrix = build_matrix_world(app, fresh)
        posts = [(path, side) for name, method, path, side in requests_for(app, matrix, role)
                 if name == endpoint and method == "POST" and side in ("own", "none")]
        if not posts:
            continue
        client = app.test_client()
        auth = Auth(client)
        sign_in(auth, fresh, role)
        token = csrf_from(client.get("/weergave").get_data(as_text=True))
        for path, side in posts:
            outcome = outcome_of(client, "POST", path, token, matrix.forms.get(endpoint))
            assert outcome in expected(endpoint, role, side), (path, outcome)
            _wait_for_ceremony_jobs()  # before the next fresh world empties the tables under them
            checked += 1
    assert checked >= 5


@pytest.mark.parametrize("role", ROLES)
def test_every_post_needs_the_forms_csrf_token(app, client, auth, world, role):
    """Every POST route refuses a request without the session's CSRF token, or with another one, before it
    changes anything: a page elsewhere cannot make a signed-in person's browser act."""
    matrix = build_matrix_world(app, world)
    sign_in(auth, world, role)
    posts = [path for _endpoint, method, path, side in requests_for(app, matrix, role)
             if method == "POST" and side in ("own", "none")]
    assert len(posts) > 50
    for path in posts:
        for token in (None, "forged-token"):
            response = client.post(path, data={} if token is None else {"csrf_token": token})
            assert response.status_code == 400, (path, token, response.status_code)

"""Teachers and trainers: the progress matrix, offline confirmations, consent, exports and erasure."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone

import pytest
from flask_babel import force_locale, format_date
from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session

from cyberquest.extensions import db
from cyberquest.models import (Agent, AuditEntry, CeremonyConsent, Learner, MissionProgress, SchoolClass, Season,
                               XpEntry)
from cyberquest.services import class_progress, consent, courses, erasure, offline_review, play
from seeds.demo_progress import right_answer

from .conftest import Auth
from .factories import PIN, make_agent
from .pdf_text import pdf_text
from .test_query_counts import counted

CLASS = "/leerkracht/klassen/{class_id}"


def _play(store, agent_id, season_id, mission_id, steps=None, mistake_on=None):
    mission = store.pack.missions[mission_id]
    for step in mission.steps[:steps]:
        if store.kinds[step.kind].scored:
            if step.key == mistake_on:
                play.answer(db.session, store.kinds, agent_id, season_id, mission, step.key, not step.data["answer"])
            play.answer(db.session, store.kinds, agent_id, season_id, mission, step.key, right_answer(step))
        else:
            play.go_on(db.session, store.kinds, agent_id, season_id, mission, step.key)


@pytest.fixture
def seeded_class(app, world):
    """Four agents in the teacher's class, each at a different point."""
    store = app.extensions["cyberquest.content"]
    with app.app_context():
        ids = {"perfect": world.agent_id}
        for label, name in (("mistake", "Dappere Das"), ("halfway", "Stille Muis"), ("waiting", "Vlugge Valk")):
            ids[label] = make_agent(db.session, world.class_id, name).id
        _play(store, ids["perfect"], world.season_id, "alle-soorten")
        _play(store, ids["mistake"], world.season_id, "alle-soorten", mistake_on="bank-pincode")
        _play(store, ids["halfway"], world.season_id, "alle-soorten", steps=3)
        _play(store, ids["waiting"], world.season_id, "buiten")
        db.session.commit()
    return ids


def _matrix(app, world):
    with app.app_context():
        school_class = db.session.get(SchoolClass, world.class_id)
        store = app.extensions["cyberquest.content"]
        return class_progress.load(db.session, store.pack, school_class.season, school_class.agents)


def test_the_matrix_shows_the_states_the_ledger_implies_and_the_csv_matches(app, client, auth, world, seeded_class):
    matrix = _matrix(app, world)
    expected = {("perfect", "alle-soorten"): "perfect", ("mistake", "alle-soorten"): "done",
                ("halfway", "alle-soorten"): "started", ("waiting", "buiten"): "waiting",
                ("perfect", "buiten"): "new"}
    for (label, mission_id), state in expected.items():
        assert matrix.state(seeded_class[label], mission_id) == state, (label, mission_id)
    assert matrix.xp[seeded_class["perfect"]] == 160 and matrix.xp[seeded_class["mistake"]] == 155
    assert matrix.column_done("alle-soorten") == 2 and matrix.done_count(seeded_class["halfway"]) == 0

    auth.staff("teacher@school.example.nl")
    page = client.get(CLASS.format(class_id=world.class_id) + "/voortgang").get_data(as_text=True)
    assert "klaar zonder fouten" in page and "wacht op bevestiging" in page and 'scope="row"' in page
    with app.test_request_context("/"), force_locale("nl"):
        today = format_date(datetime.now(timezone.utc), "short")
    rows = {row.split("</a>")[0].rsplit(">", 1)[-1]: row for row in page.split("<tbody>")[1].split("<tr>")[1:]}
    assert today in rows["Dappere Das"] and "nooit" not in rows["Dappere Das"]
    with app.app_context():
        names = {agent_id: db.session.get(Agent, agent_id).agent_name for agent_id in seeded_class.values()}
    for agent_id, name in names.items():  # each name links to the child's own page
        assert f'href="{CLASS.format(class_id=world.class_id)}/agenten/{agent_id}">{name}</a>' in rows[name]
    done_by = page.split("<tfoot>")[1].split("</tfoot>")[0].split("<td>")[1:]
    columns = [mission.id for mission in matrix.missions]
    assert done_by[columns.index("alle-soorten")].startswith("2<") and done_by[columns.index("buiten")].startswith("0<")
    assert ('<td><span class="cell cell-perfect"><span aria-hidden="true">★</span>'  # an icon and a word per cell
            '<span class="visually-hidden">klaar zonder fouten</span></span></td>') in page
    response = client.get(CLASS.format(class_id=world.class_id) + "/voortgang.csv")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    by_agent = {row["agent"]: row for row in rows}
    states = {"perfect": "done without mistakes", "done": "done", "started": "started", "waiting":
              "waiting for confirmation", "new": ""}
    for agent_id, name in names.items():
        for mission in matrix.missions:
            assert by_agent[name][mission.id] == states[matrix.state(agent_id, mission.id)]
        assert int(by_agent[name]["xp"]) == matrix.xp.get(agent_id, 0)
    assert client.get(CLASS.format(class_id=world.class_id) + "/rapport.pdf").mimetype == "application/pdf"


def test_sorting_and_the_core_filter(app, client, auth, world, seeded_class):
    auth.staff("teacher@school.example.nl")
    page = client.get(CLASS.format(class_id=world.class_id) + "/voortgang?sorteer=xp&kern=1").get_data(as_text=True)
    assert page.index("Snelle Vos") < page.index("Dappere Das") < page.index("Stille Muis")
    head = page.split("<thead>")[1].split("</thead>")[0]
    assert "Alle soorten" in head and "Opdracht buiten" not in head  # not a core mission: no column
    assert 'aria-sort="descending"' in page


def test_the_matrix_costs_the_same_queries_for_3_or_30_children(app, world):
    store = app.extensions["cyberquest.content"]
    listed, by_class = [], []
    for extra in (2, 27):
        with app.app_context():
            for number in range(extra):
                make_agent(db.session, world.class_id, f"Agent {len(listed)} {number}")
            db.session.commit()
            school_class = db.session.get(SchoolClass, world.class_id)
            agents, season = school_class.agents, school_class.season
            with counted(app) as statements:
                class_progress.load(db.session, store.pack, season, agents)
            listed.append(len(statements))
            with counted(app) as statements:
                class_progress.load_class(db.session, store.pack, season, world.class_id)
            by_class.append(statements)
    assert listed[0] == listed[1] <= 6
    # By class id the statements are the very same text for 3 and for 30 children (one prepared statement each).
    assert by_class[0] == by_class[1] and len(by_class[0]) <= 5


def test_the_class_matrix_by_class_id_matches_the_matrix_of_its_listed_children(app, world, seeded_class):
    store = app.extensions["cyberquest.content"]
    with app.app_context():
        school_class = db.session.get(SchoolClass, world.class_id)
        listed = class_progress.load(db.session, store.pack, school_class.season, school_class.agents)
        by_class = class_progress.load_class(db.session, store.pack, school_class.season, world.class_id)
        assert [agent.id for agent in by_class.agents] == [agent.id for agent in school_class.agents]
        assert by_class.cells and (by_class.cells, by_class.xp) == (listed.cells, listed.xp)
        assert (by_class.qualification, by_class.waiting_since) == (listed.qualification, listed.waiting_since)


def test_a_child_who_joins_while_the_matrix_is_read_is_left_out_of_it(app, world, seeded_class):
    """The children are read first and their progress after; a child added in between must not break the page."""
    store = app.extensions["cyberquest.content"]
    joined = []

    def join_after_the_children_were_read(_connection, _cursor, statement, *_):
        if statement.lstrip().startswith("SELECT agents.id, agents.agent_name") and not joined:
            with Session(db.engine) as other:
                newcomer = make_agent(other, world.class_id, "Late Lynx")
                other.add(MissionProgress(agent_id=newcomer.id, season_id=world.season_id, mission_id="buiten",
                                          finished_at=datetime(2026, 1, 5)))
                other.commit()
                joined.append(newcomer.id)

    with app.app_context():
        season = db.session.get(Season, world.season_id)
        event.listen(db.engine, "after_cursor_execute", join_after_the_children_were_read)
        try:
            matrix = class_progress.load_class(db.session, store.pack, season, world.class_id)
        finally:
            event.remove(db.engine, "after_cursor_execute", join_after_the_children_were_read)
    assert joined and joined[0] not in {agent.id for agent in matrix.agents}
    assert all(agent_id != joined[0] for agent_id, _mission in matrix.cells)
    assert len(matrix.agents) == len(matrix.qualification) > 0


def test_confirming_an_offline_task_awards_once_and_declining_awards_nothing(app, world, seeded_class):
    store = app.extensions["cyberquest.content"]
    with app.app_context():
        agent, season = db.session.get(Agent, seeded_class["waiting"]), db.session.get(Season, world.season_id)
        [item] = offline_review.waiting_in(class_progress.load(db.session, store.pack, season, [agent]))
        assert (item.agent, item.mission.id) == (agent, "buiten")
        assert offline_review.confirm(db.session, store.pack, agent, world.season_id, "buiten")
        assert not offline_review.confirm(db.session, store.pack, agent, world.season_id, "buiten")
        db.session.commit()
        offline_xp = db.session.scalars(select(XpEntry.xp).where(XpEntry.agent_id == agent.id,
                                                                 XpEntry.source_type == "offline")).all()
        assert offline_xp == [150]
        matrix = class_progress.load(db.session, store.pack, season, [agent])  # confirmed: done, its XP counted
        total = db.session.scalar(select(func.sum(XpEntry.xp)).where(XpEntry.agent_id == agent.id))
        assert matrix.state(agent.id, "buiten") == "done" and matrix.xp[agent.id] == total

        other = make_agent(db.session, world.class_id, "Late Leeuw")
        _play(store, other.id, world.season_id, "buiten")
        assert offline_review.decline(db.session, store.pack, other, world.season_id, "buiten")
        state, _hinted = play.find_progress(db.session, other.id, world.season_id, "buiten")
        assert state.finished_at is None and state.position == 1  # the task is shown again
        assert db.session.scalar(select(func.count()).select_from(XpEntry).where(
            XpEntry.agent_id == other.id, XpEntry.source_type == "offline")) == 0
        assert offline_review.waiting_in(class_progress.load(db.session, store.pack, season, [agent, other])) == []


def test_the_waiting_list_holds_the_teachers_tasks_oldest_first(app, world, seeded_class):
    """Built from the matrix's cells: a task a senior confirms waits too, but not for the teacher."""
    store = app.extensions["cyberquest.content"]
    with app.app_context():
        late = make_agent(db.session, world.class_id, "Late Leeuw")
        _play(store, late.id, world.season_id, "buiten")
        _play(store, late.id, world.season_id, "oma-helpen")
        db.session.execute(update(MissionProgress).where(MissionProgress.agent_id == seeded_class["waiting"])
                           .values(finished_at=datetime.now() + timedelta(hours=1)))
        db.session.commit()
        school_class = db.session.get(SchoolClass, world.class_id)
        matrix = class_progress.load(db.session, store.pack, school_class.season, school_class.agents)
        assert matrix.state(late.id, "oma-helpen") == "waiting"
        assert [(item.agent.id, item.mission.id) for item in offline_review.waiting_in(matrix)] == [
            (late.id, "buiten"), (seeded_class["waiting"], "buiten")]


def test_the_teacher_confirms_through_the_page(app, client, auth, world, seeded_class):
    auth.staff("teacher@school.example.nl")
    path = CLASS.format(class_id=world.class_id) + "/voortgang"
    waiting = client.get(path).get_data(as_text=True).split("Missies per agent")[0]
    assert "Vlugge Valk" in waiting and "/offline/buiten" in waiting
    token = auth.token(path)
    url = CLASS.format(class_id=world.class_id) + f"/agenten/{seeded_class['waiting']}/offline/buiten"
    assert client.post(url, data={"csrf_token": token, "decision": "confirm"}).status_code == 302
    assert client.post(url, data={"csrf_token": token, "decision": "confirm"}).status_code == 404
    assert "Vlugge Valk" not in client.get(path).get_data(as_text=True).split("Missies per agent")[0]


def _qualify(app, world, agent_id):
    store = app.extensions["cyberquest.content"]
    with app.app_context():
        _play(store, agent_id, world.season_id, "alle-soorten")
        _play(store, agent_id, world.season_id, "buiten")
        agent = db.session.get(Agent, agent_id)
        offline_review.confirm(db.session, store.pack, agent, world.season_id, "buiten")
        db.session.commit()


def test_consent_names_a_qualifying_child_and_withdrawing_removes_the_name(app, client, auth, world):
    _qualify(app, world, world.agent_id)
    assert _matrix(app, world).qualification[world.agent_id].qualified
    auth.staff("teacher@school.example.nl")
    ceremony = CLASS.format(class_id=world.class_id) + "/ceremonie"
    page = client.get(ceremony).get_data(as_text=True)
    assert "geen toestemming" in page  # qualified, counted, not named
    detail = CLASS.format(class_id=world.class_id) + f"/agenten/{world.agent_id}"
    token = auth.token(detail)
    bad = client.post(detail + "/toestemming", data={"csrf_token": token, "display_name": "Sanne van Dijk"},
                      follow_redirects=True).get_data(as_text=True)
    assert "Schrijf een voornaam en één voorletter" in bad
    client.post(detail + "/toestemming", data={"csrf_token": token, "display_name": "  zoë-lynn   d. "})
    assert "Zoë-lynn D." in client.get(ceremony).get_data(as_text=True)
    client.post(detail + "/toestemming/intrekken", data={"csrf_token": token})
    assert "Zoë-lynn" not in client.get(ceremony).get_data(as_text=True)
    assert "Zoë-lynn" not in client.get(detail).get_data(as_text=True)
    with app.app_context():
        record = db.session.scalar(select(CeremonyConsent))
        assert record.display_name is None and record.withdrawn_at and record.recorded_by_id == world.teacher_id
        assert db.session.scalar(select(AuditEntry.subject).where(AuditEntry.action == "read_names")) == \
            f"class:{world.class_id}"


@pytest.mark.parametrize("typed, printed", [("Sanne V.", "Sanne V."), ("sanne v.", "Sanne V."),
                                            ("Jan-Willem d.", "Jan-Willem D."), ("Sanne", None),
                                            ("Sanne Visser", None), ("S4nne V.", None), ("<b>x</b> V.", None)])
def test_only_a_first_name_and_an_initial_are_accepted(typed, printed):
    assert consent.normalise_name(typed) == printed


def test_erasing_a_child_keeps_the_totals_and_removes_the_person(app, client, auth, world, seeded_class):
    with app.app_context():
        total_before = db.session.scalar(select(func.sum(XpEntry.xp)))
        name = db.session.get(Agent, world.agent_id).agent_name
    auth.staff("teacher@school.example.nl")
    detail = CLASS.format(class_id=world.class_id) + f"/agenten/{world.agent_id}"
    exported = json.loads(client.get(detail + "/gegevens.json").get_data(as_text=True))
    assert exported["agent"]["agent_name"] == name and exported["xp"]
    token = auth.token(detail)
    refused = client.post(detail + "/wissen", data={"csrf_token": token})
    assert refused.status_code == 400  # the box was not ticked
    assert client.post(detail + "/wissen", data={"csrf_token": token, "sure": "y"}).status_code == 302
    with app.app_context():
        assert db.session.get(Agent, world.agent_id) is None
        assert db.session.scalar(select(func.sum(XpEntry.xp))) == total_before
        audit = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "erase_agent")).one()
        assert audit.subject == f"class:{world.class_id}"
    for path in ("", "/voortgang", "/voortgang.csv", "/ceremonie"):
        assert name not in client.get(CLASS.format(class_id=world.class_id) + path).get_data(as_text=True), path
    assert client.get(detail).status_code == 404
    with app.app_context():  # the matrix's plain rows are the class's children: by name, without the placeholder
        school_class = db.session.get(SchoolClass, world.class_id)
        rows = class_progress.class_agents(db.session, world.class_id)
        assert [(row.id, row.agent_name) for row in rows] == [(a.id, a.agent_name) for a in school_class.agents]
        assert len(rows) == 3 and [row.agent_name for row in rows] == sorted(row.agent_name for row in rows)
    child = app.test_client()
    assert "Welkom" not in Auth(child).agent(world.class_code, name, PIN, follow_redirects=True).get_data(as_text=True)


def test_the_placeholder_that_keeps_the_xp_can_never_sign_in(app, client, world, seeded_class):
    with app.app_context():
        erasure.erase_agent(db.session, world.agent_id, None)
        db.session.commit()
        placeholder = db.session.scalars(select(Agent).where(Agent.is_placeholder.is_(True))).one()
        assert placeholder.card_token_hash is None
        assert placeholder not in db.session.get(SchoolClass, world.class_id).agents
    response = Auth(client).agent(world.class_code, "—", PIN)
    assert response.status_code != 302 or "/agent" not in response.headers.get("Location", "")


def test_archiving_a_season_erases_its_consented_names(app, client, auth, world):
    with app.app_context():
        consent.record(db.session, db.session.get(Agent, world.agent_id), world.season_id, "Sanne V.", world.teacher_id)
        db.session.commit()
    auth.staff("admin@region.example.nl")
    token = auth.token("/beheer/seizoenen")
    assert client.post(f"/beheer/seizoenen/{world.season_id}/archiveren", data={"csrf_token": token}).status_code == 302
    with app.app_context():
        record = db.session.scalar(select(CeremonyConsent))
        assert record.display_name is None and record.recorded_at is not None
        assert db.session.get(Season, world.season_id).archived_at is not None


def test_trainer_matrix_exports_and_erasure(app, client, auth, world):
    store = app.extensions["cyberquest.content"]
    with app.app_context():
        course = store.pack.courses["veilig-appen"]
        lesson = course.lessons[0]
        for step in lesson.steps:
            if store.kinds[step.kind].scored:
                courses.answer(db.session, store.kinds, world.learner_id, course, lesson, step.key, right_answer(step))
            else:
                courses.go_on(db.session, store.kinds, world.learner_id, course, lesson, step.key)
        db.session.commit()
    auth.staff("trainer@library.example.nl")
    group = f"/begeleider/groepen/{world.group_id}"
    page = client.get(group + "/voortgang").get_data(as_text=True)
    assert "Annie" in page and "klaar" in page
    with app.app_context():
        db.session.add(Learner(group_id=world.group_id, first_name="Aart", name_key="aart", pin_hash="x"))
        db.session.commit()
    by_done = client.get(group + "/voortgang?sorteer=done").get_data(as_text=True).split("<tbody>")[1]
    by_name = client.get(group + "/voortgang").get_data(as_text=True).split("<tbody>")[1]
    assert by_done.index("Annie") < by_done.index("Aart") and by_name.index("Aart") < by_name.index("Annie")
    assert 'aria-sort="descending"' in client.get(group + "/voortgang?sorteer=done").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(client.get(group + "/voortgang.csv").get_data(as_text=True))))
    annie = {row["participant"]: row for row in rows}["Annie"]
    assert annie["veilig-appen/herkennen"] == "done" and annie["lessons_done"] == "1"
    assert client.get(group + "/rapport.pdf").mimetype == "application/pdf"
    learner = f"{group}/deelnemers/{world.learner_id}"
    data = json.loads(client.get(learner + "/gegevens.json").get_data(as_text=True))
    assert data["learner"]["first_name"] == "Annie" and data["lessons"]
    token = auth.token(learner)
    assert client.post(learner + "/wissen", data={"csrf_token": token, "sure": "y"}).status_code == 302
    with app.app_context():
        assert db.session.get(Learner, world.learner_id) is None
    assert "Annie" not in client.get(group + "/voortgang").get_data(as_text=True)


NEW_CLASS_ROUTES = ["/voortgang", "/voortgang.csv", "/rapport.pdf", "/ceremonie", "/toestemmingsbrieven.pdf",
                    "/agenten/{agent}", "/agenten/{agent}/gegevens.json", "/agenten/{agent}/wissen"]


@pytest.mark.parametrize("route", NEW_CLASS_ROUTES)
def test_only_the_classes_own_teacher_and_admin(app, client, auth, world, route):
    with app.app_context():
        other_agent = db.session.scalar(select(Agent.id).where(Agent.class_id == world.other_class_id))
    own = CLASS.format(class_id=world.class_id) + route.format(agent=world.agent_id)
    other = CLASS.format(class_id=world.other_class_id) + route.format(agent=other_agent)
    crossed = CLASS.format(class_id=world.class_id) + route.format(agent=other_agent)
    auth.staff("teacher@school.example.nl")
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 403
    if "{agent}" in route:
        assert client.get(crossed).status_code == 404  # another class's child through one's own class
    auth.sign_out()
    auth.staff("trainer@library.example.nl")
    assert client.get(own).status_code == 403
    auth.sign_out()
    auth.staff("admin@region.example.nl")
    assert client.get(other).status_code == 200


@pytest.mark.parametrize("route", ["/voortgang", "/voortgang.csv", "/rapport.pdf",
                                   "/deelnemers/{learner}/gegevens.json", "/deelnemers/{learner}/wissen"])
def test_only_the_groups_own_trainer_and_admin(client, auth, world, route):
    path = f"/begeleider/groepen/{world.group_id}" + route.format(learner=world.learner_id)
    auth.staff("trainer@library.example.nl")
    assert client.get(path).status_code == 200
    auth.sign_out()
    auth.staff("teacher@school.example.nl")
    assert client.get(path).status_code == 403
    auth.sign_out()
    auth.staff("admin@region.example.nl")
    assert client.get(path).status_code == 200


def test_consent_letters_and_class_report_name_agents_only(app, client, auth, world, seeded_class, tmp_path):
    auth.staff("teacher@school.example.nl")
    base = CLASS.format(class_id=world.class_id)
    letters = pdf_text(client.get(base + "/toestemmingsbrieven.pdf").get_data(), tmp_path)
    assert letters.count("Brief voor ouders") == 4 and "Agentnaam: Dappere Das" in letters
    report = pdf_text(client.get(base + "/rapport.pdf").get_data(), tmp_path)
    assert "Klasrapport Groep 7B" in report and "Stille Muis" in report and "Alle soorten" in report


def test_the_honour_roll_lists_qualified_agents_by_agent_name(app, world):
    child = app.test_client()
    Auth(child).agent(world.class_code, "Snelle Vos", PIN)
    assert "Nog niemand heeft de basistraining af" in child.get("/agent/klassenbord").get_data(as_text=True)
    _qualify(app, world, world.agent_id)
    roll = child.get("/agent/klassenbord").get_data(as_text=True).split("Erelijst")[1]
    assert "<li>Snelle Vos</li>" in roll

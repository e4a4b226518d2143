"""Role plus ownership, checked on the server through the real routes."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from cyberquest.extensions import db
from cyberquest.models import SchoolClass, StaffUser
from cyberquest.services import policy

from .test_query_counts import counted


def test_teacher_cannot_open_another_teachers_class(client, auth, world):
    auth.staff("teacher@school.example.nl")
    assert client.get(f"/leerkracht/klassen/{world.class_id}").status_code == 200
    assert client.get(f"/leerkracht/klassen/{world.other_class_id}").status_code == 403
    token = auth.token(f"/leerkracht/klassen/{world.class_id}")
    forbidden = client.post(f"/leerkracht/klassen/{world.other_class_id}/agenten",
                            data={"csrf_token": token, "count": "3"})
    assert forbidden.status_code == 403
    assert client.get("/leerkracht/klassen/999999").status_code == 404


def test_coordinator_cannot_open_another_municipality(client, auth, world):
    auth.staff("coordinator@maastricht.example.nl")
    assert client.get(f"/gemeente/{world.maastricht_id}").status_code == 200
    assert client.get(f"/gemeente/{world.heerlen_id}").status_code == 403


def test_trainer_cannot_open_a_class_and_teacher_cannot_open_a_group(client, auth, world):
    auth.staff("trainer@library.example.nl")
    assert client.get(f"/begeleider/groepen/{world.group_id}").status_code == 200
    assert client.get(f"/leerkracht/klassen/{world.class_id}").status_code == 403
    auth.sign_out()
    auth.staff("teacher@school.example.nl")
    assert client.get(f"/begeleider/groepen/{world.group_id}").status_code == 403


def test_admin_may_open_everything(client, auth, world):
    auth.staff("admin@region.example.nl")
    for path in (f"/leerkracht/klassen/{world.other_class_id}", f"/gemeente/{world.heerlen_id}",
                 f"/begeleider/groepen/{world.group_id}", "/beheer/", "/beheer/scholen", "/beheer/seizoenen"):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("path", ["/leerkracht/", "/beheer/", "/gemeente/", "/begeleider/", "/cursist/"])
def test_an_agent_cannot_open_staff_or_learner_pages(client, auth, world, path):
    auth.agent(world.class_code, "Snelle Vos", "1234")
    assert client.get(path).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(f"/leerkracht/klassen/{world.class_id}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/inloggen")


def test_every_view_declares_who_may_use_it(app):
    """Each endpoint goes through ``authorize`` or is deliberately marked ``public``."""
    undeclared = [
        endpoint for endpoint, view in app.view_functions.items()
        if endpoint != "static" and not hasattr(view, "authorized_roles")
    ]
    assert undeclared == []


def test_a_coordinator_gets_403_on_a_teacher_only_page(client, auth, world):
    auth.staff("coordinator@maastricht.example.nl")
    assert client.get("/leerkracht/").status_code == 403


def test_a_class_page_finds_its_teacher_in_the_statement_that_reads_the_class(app, client, auth, world):
    """The ownership check of a class's pages reads whether the signed-in teacher teaches it along with the
    class, without loading the class's teachers; a teacher of another class is still refused."""
    auth.staff("teacher@school.example.nl")
    with counted(app) as statements:
        assert client.get(f"/leerkracht/klassen/{world.class_id}/voortgang").status_code == 200
    assert not [statement for statement in statements if "FROM staff_users, class_teachers" in statement]
    assert sum("class_teachers.staff_id = " in statement and "FROM classes" in statement
               for statement in statements) == 1
    assert client.get(f"/leerkracht/klassen/{world.other_class_id}/voortgang").status_code == 403


def test_the_class_policy_trusts_what_was_read_only_for_the_person_it_was_read_for(app, world):
    with app.app_context():
        teacher = db.session.scalar(select(StaffUser).where(StaffUser.email == "teacher@school.example.nl"))
        other = db.session.get(SchoolClass, world.other_class_id)
        assert not policy.may_manage_class(teacher, other)
        other.taught_by_viewer = teacher.id + 1000  # as read for someone else: the class's teachers decide
        assert not policy.may_manage_class(teacher, other)
        other.taught_by_viewer = teacher.id
        assert policy.may_manage_class(teacher, other)
        db.session.rollback()

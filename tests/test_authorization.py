"""Role plus ownership, checked on the server through the real routes."""
from __future__ import annotations

import pytest


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

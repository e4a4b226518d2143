"""A learner follows a course through the real routes: calm retries, resume, previous step."""
from __future__ import annotations

import re

from .conftest import Auth
from .factories import PIN

COURSE = "/cursist/cursus/veilig-appen"
LESSON = f"{COURSE}/les/herkennen"


def _post(auth, path: str, data: dict | None = None):
    return auth.client.post(path, data={"csrf_token": auth.token("/weergave"), **(data or {})})


def test_a_learner_completes_a_course_and_resumes_after_signing_out(app, client, auth, world):
    auth.learner(world.group_code, "Annie", PIN)
    assert "Veilig appen" in client.get("/cursist/").get_data(as_text=True)
    assert "Phishing" in client.get(COURSE).get_data(as_text=True)  # the glossary
    first = client.get(LESSON).get_data(as_text=True)
    assert "Stap 1 van 3" in first and "Oplichters sturen" in first
    assert _post(auth, f"{LESSON}/stap/uitleg").headers["Location"].endswith("stap=1")
    wrong = _post(auth, f"{LESSON}/stap/pincode", {"answer": "false"})
    assert "Geen probleem" in wrong.get_data(as_text=True) and "Denk aan uw eigen bank" in wrong.get_data(as_text=True)
    right = _post(auth, f"{LESSON}/stap/pincode", {"answer": "true"})
    assert "Dat klopt: nooit." in right.get_data(as_text=True)
    auth.sign_out()

    other_device = app.test_client()
    again = Auth(other_device)
    again.learner(world.group_code, "Annie", PIN)
    resumed = other_device.get(LESSON).get_data(as_text=True)
    assert "Stap 3 van 3" in resumed and "Wat doet u bij twijfel?" in resumed
    previous = other_device.get(f"{LESSON}?stap=1").get_data(as_text=True)
    assert "Een bank vraagt nooit om uw pincode" in previous
    _post(again, f"{LESSON}/stap/bellen", {"option": ["1"]})
    assert "Les afgerond" in other_device.get(LESSON).get_data(as_text=True)

    order_page = other_device.get(f"{COURSE}/les/melden").get_data(as_text=True)
    right_place = {"Ophangen": "1", "Bank bellen": "2", "Melden": "3"}
    places = {f"place-{n}": right_place[text] for n, text in re.findall(r'<label for="place-(\d)">([^<]+)</label>', order_page)}
    _post(again, f"{COURSE}/les/melden/stap/stappen", places)
    assert "U hebt deze cursus afgerond" in other_device.get(COURSE).get_data(as_text=True)


def test_steps_ahead_cannot_be_skipped(client, auth, world):
    auth.learner(world.group_code, "Annie", PIN)
    client.get(LESSON)
    assert _post(auth, f"{LESSON}/stap/bellen", {"option": ["1"]}).headers["Location"].endswith(LESSON)
    assert client.get(f"{LESSON}?stap=2").headers["Location"].endswith(LESSON)
    assert client.get("/cursist/cursus/bestaat-niet").status_code == 404


def test_only_learners_follow_courses(client, auth, world):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    assert client.get(COURSE).status_code == 403

"""A learner follows a course through the real routes: calm retries, resume, previous step."""
from __future__ import annotations

import re
import time

from sqlalchemy import select

from cyberquest.extensions import db
from cyberquest.models import CourseGroup, Learner

from .conftest import Auth
from .factories import PIN, make_staff
from .pdf_text import pdf_text

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


def _finish_course(auth):
    client = auth.client
    client.get(LESSON)
    _post(auth, f"{LESSON}/stap/uitleg")
    _post(auth, f"{LESSON}/stap/pincode", {"answer": "true"})
    _post(auth, f"{LESSON}/stap/bellen", {"option": ["1"]})
    order_page = client.get(f"{COURSE}/les/melden").get_data(as_text=True)
    right_place = {"Ophangen": "1", "Bank bellen": "2", "Melden": "3"}
    places = {f"place-{n}": right_place[t] for n, t in re.findall(r'<label for="place-(\d)">([^<]+)</label>', order_page)}
    _post(auth, f"{COURSE}/les/melden/stap/stappen", places)


def test_the_certificate_exists_only_after_completion(client, auth, world, tmp_path):
    auth.learner(world.group_code, "Annie", PIN)
    assert client.get(f"{COURSE}/certificaat.pdf").status_code == 404
    _finish_course(auth)
    response = client.get(f"{COURSE}/certificaat.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data, tmp_path)
    assert "Annie" in text and "Veilig appen" in text and "Bibliotheek Maastricht" in text
    assert "certificaat.pdf" in client.get("/cursist/").get_data(as_text=True)


def test_trainer_sees_progress_and_prints_all_certificates(app, client, auth, world, tmp_path):
    auth.learner(world.group_code, "Annie", PIN)
    _finish_course(auth)
    auth.sign_out()
    auth.staff("trainer@library.example.nl")
    page = client.get(f"/begeleider/groepen/{world.group_id}").get_data(as_text=True)
    assert "2 van 2 lessen" in page
    response = client.post(f"/begeleider/groepen/{world.group_id}/certificaten",
                           data={"csrf_token": auth.token(f"/begeleider/groepen/{world.group_id}")})
    assert "Annie" in pdf_text(response.data, tmp_path)
    auth.sign_out()
    auth.staff("teacher@school.example.nl")
    forbidden = client.post(f"/begeleider/groepen/{world.group_id}/certificaten",
                            data={"csrf_token": auth.token("/leerkracht/")})
    assert forbidden.status_code == 403


def test_a_new_participant_starts_with_larger_text(app, client, auth, world):
    auth.staff("trainer@library.example.nl")
    path = f"/begeleider/groepen/{world.group_id}"
    page = client.post(f"{path}/deelnemers", data={"csrf_token": auth.token(path), "first_name": "Zoë"}).get_data(as_text=True)
    pin = re.search(r"<dt>Pincode</dt><dd>(\d{4})</dd>", page).group(1)
    senior = Auth(app.test_client())
    senior.learner(world.group_code, "zoë", pin)
    assert 'class="text-large"' in senior.client.get("/cursist/").get_data(as_text=True)


def test_trainer_sets_a_learning_route(app, client, auth, world):
    auth.staff("trainer@library.example.nl")
    path = f"/begeleider/groepen/{world.group_id}/deelnemers/{world.learner_id}/route"
    assert "Veilig appen" in client.get(path).get_data(as_text=True)
    client.post(path, data={"csrf_token": auth.token(path), "place-veilig-appen": ""})
    auth.sign_out()
    auth.learner(world.group_code, "Annie", PIN)
    assert "Veilig appen" not in client.get("/cursist/").get_data(as_text=True)  # left out of the route
    auth.sign_out()
    auth.staff("trainer@library.example.nl")
    client.post(path, data={"csrf_token": auth.token(path), "place-veilig-appen": "1"})
    assert client.post(path, data={"csrf_token": auth.token(path), "place-veilig-appen": "x"}).status_code == 400
    auth.sign_out()
    auth.learner(world.group_code, "Annie", PIN)
    assert "Veilig appen" in client.get("/cursist/").get_data(as_text=True)


def test_group_cards_show_the_library_and_meeting_time(app, client, auth, world, tmp_path):
    auth.staff("trainer@library.example.nl")
    client.post("/begeleider/groepen/nieuw", data={"csrf_token": auth.token("/begeleider/groepen/nieuw"),
                                                   "name": "Dinsdaggroep", "place_id": str(world.library_id),
                                                   "meeting": "dinsdag 10.00–11.30 uur"})
    page = client.get("/begeleider/").get_data(as_text=True)
    group_path = re.search(r'href="(/begeleider/groepen/\d+)">Dinsdaggroep', page).group(1)
    client.post(f"{group_path}/deelnemers", data={"csrf_token": auth.token(group_path), "first_name": "Bert"})
    response = client.post(f"{group_path}/inlogkaarten", data={"csrf_token": auth.token(group_path)})
    text = pdf_text(response.data, tmp_path)
    assert "Bibliotheek Maastricht" in text and "dinsdag 10.00" in text and "Bert" in text


def test_trainer_downloads_a_large_print_workbook(client, auth, world, tmp_path):
    auth.staff("trainer@library.example.nl")
    assert "werkboek.pdf" in client.get("/begeleider/").get_data(as_text=True)
    response = client.get("/begeleider/cursussen/veilig-appen/werkboek.pdf")
    assert response.mimetype == "application/pdf"
    text = pdf_text(response.data, tmp_path)
    assert "Veilig appen" in text and "Een bank vraagt nooit om uw pincode" in text and "Phishing" in text
    assert text.index("Bank bellen") < text.index("Ophangen")  # order steps are not printed in the right order
    assert client.get("/begeleider/cursussen/bestaat-niet/werkboek.pdf").status_code == 404


def test_an_email_address_is_optional(app, client, auth, world):
    auth.learner(world.group_code, "Annie", PIN)
    assert auth.post("/cursist/email", {"email": "geen-mail"}).status_code == 400
    assert auth.post("/cursist/email", {"email": "Annie@Example.org"}).status_code == 302
    with app.app_context():
        assert db.session.get(Learner, world.learner_id).email == "annie@example.org"
    auth.post("/cursist/email", {"email": ""})
    with app.app_context():
        assert db.session.get(Learner, world.learner_id).email is None


def test_group_courses_and_per_lesson_progress(app, client, auth, world):
    auth.learner(world.group_code, "Annie", PIN)
    client.get(LESSON)
    _post(auth, f"{LESSON}/stap/uitleg")
    auth.sign_out()
    auth.staff("trainer@library.example.nl")
    page = client.get(f"/begeleider/groepen/{world.group_id}/deelnemers/{world.learner_id}").get_data(as_text=True)
    assert "Een nepbericht herkennen" in page and "bij stap 2 van 3" in page and "nog niet begonnen" in page
    form = client.get("/begeleider/groepen/nieuw").get_data(as_text=True)
    assert 'value="veilig-appen"' in form
    client.post("/begeleider/groepen/nieuw", data={"csrf_token": auth.token("/begeleider/groepen/nieuw"),
                                                   "name": "Zonder cursus", "place_id": str(world.library_id),
                                                   "courses": []})
    client.post("/begeleider/groepen/nieuw", data={"csrf_token": auth.token("/begeleider/groepen/nieuw"),
                                                   "name": "Appgroep", "place_id": str(world.library_id),
                                                   "courses": ["veilig-appen"]})
    with app.app_context():
        groups = {g.name: g.course_ids for g in db.session.scalars(select(CourseGroup))}
    assert groups["Appgroep"] == ["veilig-appen"] and groups["Zonder cursus"] is None


def test_a_trainer_only_sees_their_own_groups(app, client, auth, world):
    with app.app_context():
        make_staff(db.session, "other.trainer@library.example.nl", "trainer", library_id=world.library_id)
        db.session.commit()
    auth.staff("other.trainer@library.example.nl")
    assert client.get(f"/begeleider/groepen/{world.group_id}").status_code == 403
    assert client.get(f"/begeleider/groepen/{world.group_id}/deelnemers/{world.learner_id}").status_code == 403
    auth.sign_out()
    auth.learner(world.group_code, "Annie", PIN)
    assert client.get(f"/begeleider/groepen/{world.group_id}").status_code == 403


def test_answers_guessed_faster_than_a_person_types_are_refused(app, client, auth, world):
    """A senior may try a step as often as they like; only a script answering again within a second after ten
    wrong answers is refused, and its answer is not even checked."""
    auth.learner(world.group_code, "Annie", PIN)
    _post(auth, f"{LESSON}/stap/uitleg")
    wrong = [_post(auth, f"{LESSON}/stap/pincode", {"answer": "false"}).status_code for _ in range(10)]
    assert wrong == [200] * 10
    too_fast = _post(auth, f"{LESSON}/stap/pincode", {"answer": "true"})
    assert too_fast.status_code == 429 and "Te veel pogingen" in too_fast.get_data(as_text=True)
    assert "Stap 2 van 3" in client.get(LESSON).get_data(as_text=True)  # the right answer was not taken
    time.sleep(1.1)  # a person's pace
    assert "Dat klopt: nooit." in _post(auth, f"{LESSON}/stap/pincode", {"answer": "true"}).get_data(as_text=True)

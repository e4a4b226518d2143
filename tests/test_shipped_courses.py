"""The courses shipped in modules/courses: enough of them, well formed, each playable to the end."""
from __future__ import annotations

from pathlib import Path

import pytest

from cyberquest import create_app
from cyberquest.content import load_content
from cyberquest.content.kinds import default_step_kinds
from cyberquest.extensions import db
from cyberquest.services import courses
from seeds.demo_progress import right_answer

from .conftest import Auth
from .factories import PIN

MODULES = Path(__file__).resolve().parent.parent / "modules"
KINDS = default_step_kinds()
PACK = load_content(MODULES, KINDS)


def test_six_courses_of_three_to_five_lessons():
    assert len(PACK.courses) >= 6
    for course in PACK.courses.values():
        assert course.audience == "senior"
        assert 3 <= len(course.lessons) <= 5, course.id
        assert all(4 <= len(lesson.steps) <= 8 for lesson in course.lessons), course.id
        assert course.glossary, course.id


def test_course_texts_have_english_and_scored_steps_explain():
    assert [str(w) for w in PACK.warnings if w.file.startswith("courses/")] == []
    assert [str(e) for e in PACK.errors] == []
    for course in PACK.courses.values():
        for lesson in course.lessons:
            for step in lesson.steps:
                if KINDS[step.kind].scored:
                    assert step.data["explain"] is not None, (course.id, lesson.id, step.key)


@pytest.mark.parametrize("course_id", sorted(PACK.courses))
def test_each_course_can_be_finished(session, world, course_id):
    course = PACK.courses[course_id]
    for lesson in course.lessons:
        for step in lesson.steps:
            if KINDS[step.kind].scored:
                assert courses.answer(session, KINDS, world.learner_id, course, lesson, step.key, right_answer(step))
            else:
                courses.go_on(session, KINDS, world.learner_id, course, lesson, step.key)
    states = courses.progress_by_lesson(session, world.learner_id, course.id)
    assert courses.finished_at(course, states) is not None


def test_a_course_password_step_renders_with_its_own_meter(database_url, world):
    """The shipped course with a passphrase step: the page, and the live meter for learners."""
    app = create_app({"ENV": "test", "SQLALCHEMY_DATABASE_URI": database_url, "MODULES_DIR": str(MODULES)})
    course_id, lesson, position = next((c.id, l, i) for c in PACK.courses.values() for l in c.lessons
                                       for i, s in enumerate(l.steps) if s.kind == "password")
    with app.app_context():
        courses.progress(db.session, world.learner_id, course_id, lesson.id).position = position
        db.session.commit()
    client = app.test_client()
    auth = Auth(client)
    auth.learner(world.group_code, "Annie", PIN)
    page_path = f"/cursist/cursus/{course_id}/les/{lesson.id}"
    page = client.get(page_path).get_data(as_text=True)
    meter = f"{page_path}/stap/{lesson.steps[position].key}/meter"
    assert 'class="step step-password"' in page and f'data-meter-url="{meter}"' in page
    token = auth.token(page_path)
    weak = client.post(meter, json={"password": "welkom"}, headers={"X-CSRFToken": token}).get_json()
    strong = client.post(meter, json={"password": "paarse olifant fietst naar Venlo"},
                         headers={"X-CSRFToken": token}).get_json()
    assert weak["enough"] is False and strong["enough"] is True

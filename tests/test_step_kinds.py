"""Each step kind: validation problems, and right and wrong answers checked on the server."""
from __future__ import annotations

import pytest

from cyberquest.content.fields import FileCheck
from cyberquest.content.kinds import default_step_kinds

KINDS = default_step_kinds()


def t(text: str) -> dict:
    return {"nl": text, "en": text}


def validate(table: dict) -> tuple[dict | None, list[str]]:
    check = FileCheck("m.toml")
    data = KINDS[table["kind"]].validate(check, table, "steps[0]")
    return data, [f"{p.field}: {p.reason}" for p in check.problems if p.is_error]


STEPS = {
    "choice": ({"kind": "choice", "question": t("?"), "options": [t("a"), t("b"), t("c")], "answer": [0, 2]},
               {0, 2}, [{0}, {0, 1, 2}, set()]),
    "truefalse": ({"kind": "truefalse", "statement": t("Een bank vraagt nooit je pincode."), "answer": True},
                  True, [False]),
    "hotspot": ({"kind": "hotspot", "screen": "sms", "sender": t("Pakket"),
                 "parts": [{"text": t("Betaal €1,95"), "suspicious": True, "why": t("nep")}, {"text": t("Hoi")}]},
                {0}, [{1}, {0, 1}, set()]),
    "sort": ({"kind": "sort", "question": t("?"), "categories": [t("veilig"), t("onveilig")],
              "items": [{"text": t("a"), "category": 0}, {"text": t("b"), "category": 1}]},
             {0: 0, 1: 1}, [{0: 1, 1: 1}, {0: 0}]),
    "order": ({"kind": "order", "question": t("?"), "items": [t("1"), t("2"), t("3")]},
              [0, 1, 2], [[1, 0, 2], [0, 1]]),
    "password": ({"kind": "password", "question": t("?"), "min_score": 3},
                 "paarse olifant fietst naar Venlo", ["welkom123", ""]),
}


@pytest.mark.parametrize("kind", sorted(STEPS))
def test_right_and_wrong_answers(kind):
    table, right, wrongs = STEPS[kind]
    data, problems = validate(table)
    assert problems == [] and data is not None
    assert KINDS[kind].is_right(data, right)
    for wrong in wrongs:
        assert not KINDS[kind].is_right(data, wrong), wrong


@pytest.mark.parametrize(("table", "expected"), [
    ({"kind": "info"}, "steps[0].text: is required"),
    ({"kind": "choice", "question": t("?"), "options": [t("a")], "answer": [0]}, "steps[0].options: must be a list of at least 2 texts"),
    ({"kind": "choice", "question": t("?"), "options": [t("a"), t("b")], "answer": [0, 0]}, "steps[0].answer: names an option twice"),
    ({"kind": "choice", "question": t("?"), "options": [t("a"), t("b")], "answer": "1"}, "steps[0].answer: must be a list of option numbers, e.g. [1]"),
    ({"kind": "truefalse", "statement": t("x"), "answer": "ja"}, "steps[0].answer: must be true or false"),
    ({"kind": "hotspot", "screen": "fax", "sender": t("x"), "parts": [{"text": t("a"), "suspicious": True, "why": t("w")}, {"text": t("b")}]},
     "steps[0].screen: must be one of: whatsapp, sms, email, webshop"),
    ({"kind": "hotspot", "screen": "sms", "sender": t("x"), "parts": [{"text": t("a")}, {"text": t("b")}]},
     "steps[0].parts: at least one part must be suspicious"),
    ({"kind": "hotspot", "screen": "sms", "sender": t("x"), "parts": [{"text": t("a"), "suspicious": True}, {"text": t("b")}]},
     "steps[0].parts[0].why: is required"),
    ({"kind": "hotspot", "screen": "sms", "subject": t("s"), "sender": t("x"),
      "parts": [{"text": t("a"), "suspicious": True, "why": t("w")}, {"text": t("b")}]}, "steps[0].subject: only an email screen has a subject"),
    ({"kind": "sort", "question": t("?"), "categories": [t("a"), t("b")], "items": [{"text": t("x"), "category": 2}, {"text": t("y"), "category": 0}]},
     "steps[0].items[0].category: no category 2 (there are 2)"),
    ({"kind": "order", "question": t("?"), "items": [t("a")]}, "steps[0].items: must be a list of at least 2 texts"),
    ({"kind": "password", "question": t("?"), "min_score": 5}, "steps[0].min_score: must be a number from 0 up to 4"),
    ({"kind": "offline", "task": t("doe"), "confirm": "ouder"}, "steps[0].confirm: must be one of: teacher, senior"),
    ({"kind": "info", "text": t("x"), "colour": "red"}, "steps[0].colour: unknown key"),
])
def test_validation_problems_name_the_field(table, expected):
    data, problems = validate(table)
    assert data is None
    assert expected in problems


def test_info_and_offline_are_not_scored():
    assert not KINDS["info"].scored and not KINDS["offline"].scored
    assert all(KINDS[kind].scored for kind in STEPS)

"""Playing missions through the real routes: exact XP, one ledger, no answer key before answering."""
from __future__ import annotations

import re
import time

from sqlalchemy import func, select

from cyberquest.extensions import db
from cyberquest.models import StepResult, XpEntry, utcnow
from cyberquest.services import play

from .factories import PIN, make_agent
from .threads import run_at_once

MISSION = "/agent/missie/alle-soorten"
SECRETS = ["GEHEIME-UITLEG", "Niet klikken en het vragen is slim", "Klopt: nooit."]


def _ledger(app, world) -> list[tuple[str, int]]:
    with app.app_context():
        rows = db.session.execute(select(XpEntry.step_key, XpEntry.xp).where(XpEntry.agent_id == world.agent_id)
                                  .order_by(XpEntry.id))
        return [tuple(row) for row in rows]


def _play(auth, step_key: str, data: dict | None = None):
    return auth.client.post(f"{MISSION}/stap/{step_key}", data={"csrf_token": auth.token(MISSION), **(data or {})})


def _order_answer(page: str) -> dict:
    """Read the shuffled lines like a child and number them in the right order."""
    right = {"Stap een": 1, "Stap twee": 2, "Stap drie": 3}
    labels = re.findall(r'<label for="place-(\d)">([^<]+)</label>', page)
    return {f"place-{shown}": str(right[text]) for shown, text in labels}


def test_a_whole_mission_earns_exactly_the_xp_of_the_rules(app, client, auth, world):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    assert "Start de missie" in client.get(MISSION).get_data(as_text=True)
    client.post(f"{MISSION}/start", data={"csrf_token": auth.token(MISSION)})
    assert _play(auth, "welkom").status_code == 302                       # info: no XP
    wrong = _play(auth, "klikken", {"option": ["0"]})
    assert wrong.status_code == 200 and "Nog niet goed" in wrong.get_data(as_text=True)
    assert "+5 XP" in _play(auth, "klikken", {"option": ["1", "2"]}).get_data(as_text=True)  # 2nd try: 5
    assert "+10 XP" in _play(auth, "bank-pincode", {"answer": "true"}).get_data(as_text=True)
    client.post(f"{MISSION}/stap/pakket-sms/hint", data={"csrf_token": auth.token(MISSION)})
    assert "+5 XP" in _play(auth, "pakket-sms", {"part": ["1"]}).get_data(as_text=True)     # hint: 10 // 2
    assert "+10 XP" in _play(auth, "veilig-of-niet", {"item-0": "0", "item-1": "1", "item-2": "0"}).get_data(as_text=True)
    order_page = client.get(MISSION).get_data(as_text=True)
    assert "+10 XP" in _play(auth, "back-up", _order_answer(order_page)).get_data(as_text=True)
    done = _play(auth, "wachtzin", {"password": "paarse olifant fietst naar Venlo"})
    assert "+10 XP" in done.get_data(as_text=True)
    assert "paarse olifant" not in done.get_data(as_text=True)  # never echoed back
    closing = client.get(MISSION).get_data(as_text=True)
    assert "Missie geslaagd" in closing and "Twijfel? Niet klikken." in closing
    assert sorted(_ledger(app, world)) == sorted([
        ("klikken", 5), ("bank-pincode", 10), ("pakket-sms", 5), ("veilig-of-niet", 10), ("back-up", 10),
        ("wachtzin", 10), ("#done", 100)])
    with app.app_context():
        assert play.total_xp(db.session, world.agent_id, world.season_id) == 150


def test_a_finished_missions_page_shows_its_own_xp_and_the_seasons_total(app, client, auth, world):
    """The mission's XP counts its steps and bonus only: not other missions, not a maker's reward for it."""
    with app.app_context():
        mission = app.extensions["cyberquest.content"].pack.missions["alle-soorten"]
        state = play.progress(db.session, world.agent_id, world.season_id, mission.id)
        state.position, state.finished_at = len(mission.steps), utcnow()
        for source_type, source_id, step_key, xp in (
                ("mission", mission.id, "klikken", 10), ("mission", mission.id, "#done", 100),
                ("mission", "een-andere-missie", "klikken", 40), ("made_mission", mission.id, "#approved", 30)):
            play.award(db.session, world.agent_id, world.season_id, source_type, source_id, step_key, xp)
        db.session.commit()
    auth.agent(world.class_code, "Snelle Vos", PIN)
    page = client.get(MISSION).get_data(as_text=True)
    assert "Missie geslaagd" in page
    assert "Je verdiende 110 XP in deze missie." in page
    assert '<p class="rank-xp">180 XP</p>' in page


def test_replaying_a_submission_changes_nothing(app, client, auth, world):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    client.post(f"{MISSION}/start", data={"csrf_token": auth.token(MISSION)})
    _play(auth, "welkom")
    _play(auth, "klikken", {"option": ["1", "2"]})
    before = _ledger(app, world)
    for _ in range(3):  # a double click or the back button
        _play(auth, "klikken", {"option": ["1", "2"]})
        _play(auth, "welkom")
    assert _ledger(app, world) == before == [("klikken", 10)]
    with app.app_context():  # a solved step counts no more tries
        assert db.session.scalars(select(StepResult.tries).where(StepResult.step_key == "klikken")).all() == [1]


def test_a_step_ahead_cannot_be_answered(app, client, auth, world):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    client.post(f"{MISSION}/start", data={"csrf_token": auth.token(MISSION)})
    assert _play(auth, "bank-pincode", {"answer": "true"}).status_code == 302
    assert _ledger(app, world) == []


def test_concurrent_right_answers_count_once(app, world):
    with app.app_context():
        store = app.extensions["cyberquest.content"]
        mission = store.pack.missions["alle-soorten"]
        play.progress(db.session, world.agent_id, world.season_id, mission.id)
        play.go_on(db.session, store.kinds, world.agent_id, world.season_id, mission, "welkom")
        db.session.commit()
    errors = run_at_once(app, lambda: play.answer(db.session, store.kinds, world.agent_id, world.season_id, mission,
                                                  "klikken", {1, 2}), 4)
    assert errors == []
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(XpEntry).where(XpEntry.step_key == "klikken"))
        position = play.find_progress(db.session, world.agent_id, world.season_id, mission.id)[0].position
    assert count == 1 and position == 2


def test_no_page_shows_the_answer_key_before_the_answer(client, auth, world):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    client.post(f"{MISSION}/start", data={"csrf_token": auth.token(MISSION)})
    answers = {"welkom": {}, "klikken": {"option": ["1", "2"]}, "bank-pincode": {"answer": "true"},
               "pakket-sms": {"part": ["1"]}, "veilig-of-niet": {"item-0": "0", "item-1": "1", "item-2": "0"}}
    for key, data in answers.items():
        page = client.get(MISSION).get_data(as_text=True)
        assert f"/stap/{key}" in page
        for secret in SECRETS:
            assert secret not in page, (key, secret)
        assert "checked" not in page and "selected" not in page
        _play(auth, key, data)
    order_page = client.get(MISSION).get_data(as_text=True)
    shown = re.findall(r'<label for="place-\d">([^<]+)</label>', order_page)
    assert shown != ["Stap een", "Stap twee", "Stap drie"]  # never in the right order


def test_malformed_answers_are_a_400_and_keep_progress(client, auth, world):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    client.post(f"{MISSION}/start", data={"csrf_token": auth.token(MISSION)})
    _play(auth, "welkom")
    assert _play(auth, "klikken", {"option": ["9"]}).status_code == 400
    assert _play(auth, "klikken", {"option": ["x"]}).status_code == 400
    assert _play(auth, "klikken", {}).status_code == 400
    assert "/stap/klikken" in client.get(MISSION).get_data(as_text=True)


def test_offline_mission_earns_its_xp_only_when_confirmed(app, client, auth, world):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    path = "/agent/missie/buiten"
    client.post(f"{path}/start", data={"csrf_token": auth.token(path)})
    client.post(f"{path}/stap/twee-sloten", data={"csrf_token": auth.token(path), "answer": "true"})
    client.post(f"{path}/stap/thuis", data={"csrf_token": auth.token(path)})
    page = client.get(path).get_data(as_text=True)
    assert "leerkracht" in page and "150 XP" in page
    assert _ledger(app, world) == [("twee-sloten", 10)]


def test_mission_map_shows_tracks_progress_and_rank(client, auth, world):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    page = client.get("/agent/").get_data(as_text=True)
    assert "Nepberichten" in page and "Alle soorten" in page and "Rekruut" in page
    assert "Volgende missie: Alle soorten" in page
    assert client.get("/agent/missie/bestaat-niet").status_code == 404


def test_step_xp_rules():
    assert [play.step_xp(tries, False) for tries in (1, 2, 3, 7)] == [10, 5, 2, 2]
    assert [play.step_xp(tries, True) for tries in (1, 2, 3)] == [5, 2, 1]


def test_a_new_agent_chooses_a_drawn_avatar_first(app, client, auth, world):
    with app.app_context():
        make_agent(db.session, world.class_id, "Dappere Das", avatar=None)
        db.session.commit()
    auth.agent(world.class_code, "Dappere Das", PIN)
    assert client.get("/agent/").headers["Location"] == "/agent/avatar"
    assert auth.post("/agent/avatar", {"avatar": "foto.jpg"}).status_code == 400
    assert auth.post("/agent/avatar", {"avatar": "draak"}).headers["Location"] == "/agent/"
    assert "avatars/draak.svg" in client.get("/agent/").get_data(as_text=True)


def test_passphrase_meter_judges_on_the_server_and_echoes_nothing(client, auth, world):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    token = auth.token("/agent/avatar")
    meter = f"{MISSION}/stap/wachtzin/meter"
    weak = client.post(meter, json={"password": "welkom1"}, headers={"X-CSRFToken": token}).get_json()
    strong = client.post(meter, json={"password": "paarse olifant fietst naar Venlo"}, headers={"X-CSRFToken": token})
    assert weak["enough"] is False and weak["score"] < 3 and "akkelijk te raden" in weak["message"]
    assert strong.get_json()["enough"] is True and "Sterk genoeg" in strong.get_json()["message"]
    assert "olifant" not in strong.get_data(as_text=True)
    assert client.post(meter, json={"password": "x"}).status_code == 400  # no CSRF token
    assert client.post(meter, json={"password": 5}, headers={"X-CSRFToken": token}).status_code == 400
    assert client.post(f"{MISSION}/stap/klikken/meter", json={"password": "x"},
                       headers={"X-CSRFToken": token}).status_code == 400  # not a password step


def test_answers_guessed_faster_than_a_child_types_are_refused_without_writing(app, client, auth, world):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    client.post(f"{MISSION}/start", data={"csrf_token": auth.token(MISSION)})
    _play(auth, "welkom")
    statuses = [_play(auth, "klikken", {"option": ["0"]}).status_code for _ in range(play.RAPID_TRIES)]
    assert statuses == [200] * play.RAPID_TRIES  # a child may try again and again
    too_fast = _play(auth, "klikken", {"option": ["1", "2"]})
    assert too_fast.status_code == 429 and "Te veel pogingen" in too_fast.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(StepResult.tries).where(StepResult.step_key == "klikken")) == play.RAPID_TRIES
    time.sleep(play.RAPID_SECONDS)
    assert "+2 XP" in _play(auth, "klikken", {"option": ["1", "2"]}).get_data(as_text=True)


def test_a_taken_hint_shows_on_its_step_only(client, auth, world):
    auth.agent(world.class_code, "Snelle Vos", PIN)
    client.post(f"{MISSION}/start", data={"csrf_token": auth.token(MISSION)})
    _play(auth, "welkom")
    assert "Er zijn twee goede antwoorden." not in client.get(MISSION).get_data(as_text=True)
    client.post(f"{MISSION}/stap/klikken/hint", data={"csrf_token": auth.token(MISSION)})
    assert "Er zijn twee goede antwoorden." in client.get(MISSION).get_data(as_text=True)
    _play(auth, "klikken", {"option": ["1", "2"]})
    assert "Hint:" not in client.get(MISSION).get_data(as_text=True)  # the next step: its own hint not taken

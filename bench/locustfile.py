"""Simulated users for bench/load.py (locust): children playing, a teacher, a board screen, a coordinator.

Settings come from the environment set by bench/load.py: BENCH_CLASSES (how many classes B00001… exist),
BENCH_MUNICIPALITIES (municipality ids, comma-separated), BENCH_MISSIONS (the mission ids a child starts with;
after finishing one a child goes on with any mission it can play alone),
BENCH_WAIT (mean seconds between a child's steps; 0 = closed loop on the step page only), BENCH_TIMES (a file
for every response time, split into the arrival phase, while users are still signing in, and the steady phase
after the last one has signed in: locust's own statistics mix the two).
"""
from __future__ import annotations

import json
import os
import random
import re
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

from locust import FastHttpUser, between, constant, events, task
from right_answers import right_answer

from cyberquest.content import load_content
from cyberquest.content.kinds import default_step_kinds

CLASSES = int(os.environ.get("BENCH_CLASSES", "1"))
MUNICIPALITIES = [int(m) for m in os.environ.get("BENCH_MUNICIPALITIES", "1").split(",")]
MISSIONS = os.environ.get("BENCH_MISSIONS", "").split(",")
WAIT = float(os.environ.get("BENCH_WAIT", "5"))
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
ACTION = re.compile(r'action="(/agent/missie/([^"/]+)/stap/([^"/]+))"')
BADGES_SEEN = 'action="/badges/gezien"'  # the celebration of new badges, closed with "Top, bedankt!"
PACK = load_content(Path(__file__).resolve().parents[1] / "modules", default_step_kinds())
PLAYABLE = [mission.id for mission in PACK.missions.values() if mission.played_alone]
RIGHT_SHARE = 0.7  # of a child's answers; the others are guesses, mostly wrong
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _phase() -> dict:
    return {"started": time.time(), "times": defaultdict(list), "failed": defaultdict(int)}


PHASES = {"arrival": _phase()}


# Users locust started, users that finished arriving, and whether the run is stopping: a user who finishes
# arriving while it stops (locust lets running tasks end) starts no steady phase, which would have no end.
ARRIVALS = {"spawned": None, "arrived": 0, "stopping": False}


@events.spawning_complete.add_listener
def _everyone_spawned(user_count: int, **_) -> None:
    ARRIVALS["spawned"] = user_count
    _start_steady_phase_when_everyone_arrived()


def _start_steady_phase_when_everyone_arrived() -> None:
    """The steady phase starts when the last user has signed in, not when locust started it: the last sign-ins
    (a PIN or password hash each) would otherwise be counted as load of the steady phase."""
    if ARRIVALS["stopping"]:
        return
    if ARRIVALS["spawned"] is not None and ARRIVALS["arrived"] >= ARRIVALS["spawned"] and "steady" not in PHASES:
        PHASES["arrival"]["ended"] = PHASES.setdefault("steady", _phase())["started"]


@events.request.add_listener
def _record(name: str, response_time: float, exception: Exception | None = None, **_) -> None:
    phase = PHASES.get("steady") or PHASES["arrival"]
    phase["times"][name].append(response_time)
    if exception is not None:
        phase["failed"][name] += 1


@events.test_stopping.add_listener
def _stopping(**_) -> None:
    ARRIVALS["stopping"] = True
    for phase in PHASES.values():
        phase.setdefault("ended", time.time())


@events.quitting.add_listener
def _write_times(**_) -> None:
    if os.environ.get("BENCH_TIMES"):
        with open(os.environ["BENCH_TIMES"], "w") as file:
            json.dump(PHASES, file)


def _token(html: str) -> str:
    match = TOKEN.search(html)
    return match.group(1) if match else ""


def _answer(html: str) -> dict:
    """A guess: a well-formed answer for whatever kind of step is on the page, right only by chance."""
    for field in ("option", "part"):
        count = html.count(f'name="{field}"')
        if count:
            return {field: str(random.randrange(count))}
    if 'name="answer"' in html:
        return {"answer": random.choice(("true", "false"))}
    if 'name="password"' in html:
        return {"password": "paarse olifant danst op het dak"}
    items = re.findall(r'name="(item-\d+|place-\d+)"', html)
    places = list(range(1, len(items) + 1))
    random.shuffle(places)
    return {name: (str(places[i]) if name.startswith("place") else "0") for i, name in enumerate(items)}


CARD_HOLDERS = 20  # agents 1 to 20 are in every class of the benchmark region (half of the classes have 30)
CARDS_TAKEN: set[tuple[int, int]] = set()


def _free_card() -> tuple[int, int]:
    """A class number and agent number no other simulated child of this run holds, as a real card is in one
    child's hands: two children drawn onto one card tried one step faster than a child can, which the app refuses
    as guessing (429). Any card once every card is taken (a region smaller than the run)."""
    while len(CARDS_TAKEN) < CLASSES * CARD_HOLDERS:
        card = (random.randrange(1, CLASSES + 1), random.randrange(1, CARD_HOLDERS + 1))
        if card not in CARDS_TAKEN:
            CARDS_TAKEN.add(card)
            return card
    return random.randrange(1, CLASSES + 1), random.randrange(1, CARD_HOLDERS + 1)


def _sign_in(user, path: str, fields: dict, name: str) -> None:
    page = user.client.get(path, name=f"{name} (form)")
    user.client.post(path, data={"csrf_token": _token(page.text), **fields}, name=name)


class BenchUser(FastHttpUser):
    """A simulated user that first arrives (signs in, if it has to) and is then counted as arrived."""

    abstract = True

    def on_start(self) -> None:
        try:
            self.arrive()
        finally:
            ARRIVALS["arrived"] += 1
            _start_steady_phase_when_everyone_arrived()

    def arrive(self) -> None:
        """What the user does before the steady phase; nothing for a board screen."""


class Child(BenchUser):
    """Signs in with a card, then plays: step page, answer, now and then the mission map."""

    weight = 40
    wait_time = between(WAIT * 0.4, WAIT * 1.6) if WAIT else constant(0)

    def arrive(self) -> None:
        self.mission = random.choice(MISSIONS)
        class_number, agent_number = _free_card()
        _sign_in(self, "/inloggen/agent", {"code": f"B{class_number:05d}", "name": f"Agent {agent_number}",
                                           "pin": "1234"}, "sign-in by card")
        if WAIT == 0:
            self._find_a_step()

    def _find_a_step(self) -> None:
        """Closed loop: play a mission with a step to show. Most benchmark children finished some of the
        missions, whose page is then the mission's end page, not the step page this loop measures."""
        for mission in random.sample(MISSIONS, len(MISSIONS)):
            page = self.client.get(f"/agent/missie/{mission}", name="closed loop: finding a step")
            if not ACTION.search(page.text) and "/start" in page.text:
                self.client.post(f"/agent/missie/{mission}/start", data={"csrf_token": _token(page.text)},
                                 name="closed loop: finding a step")
                page = self.client.get(f"/agent/missie/{mission}", name="closed loop: finding a step")
            if ACTION.search(page.text):
                self.mission = mission
                return

    @task(10)
    def step(self) -> None:
        page = self.client.get(f"/agent/missie/{self.mission}", name="step page")
        if WAIT == 0:
            return
        if BADGES_SEEN in page.text:  # a child closes the celebration of new badges
            self.client.post("/badges/gezien", name="badges seen",
                             data={"csrf_token": _token(page.text), "next": f"/agent/missie/{self.mission}"})
        action = ACTION.search(page.text)
        if action:
            path, mission_id, step_key = action.groups()
            right = right_answer(PACK, mission_id, step_key) if random.random() < RIGHT_SHARE else None
            fields = [("csrf_token", _token(page.text)), *(right or _answer(page.text).items())]
            self.client.post(path, data=urlencode(fields), headers=FORM, name="answer submit")
        elif "/start" in page.text:
            self.client.post(f"/agent/missie/{self.mission}/start", data={"csrf_token": _token(page.text)},
                             name="mission start")
        else:  # the end page of a finished mission: on to another one on the map
            self.mission = random.choice(PLAYABLE)

    @task(1)
    def mission_map(self) -> None:
        if WAIT:
            self.client.get("/agent/", name="mission map")


class Teacher(BenchUser):
    weight = 1
    wait_time = between(5, 15)

    def arrive(self) -> None:
        self.number = random.randrange(1, max(2, CLASSES // 10) + 1)
        _sign_in(self, "/inloggen/medewerker", {"email": f"teacher{self.number}@bench.example.org",
                                                "password": "bench wachtwoord voor de meting"}, "staff sign-in")
        self.class_id = None

    @task
    def class_matrix(self) -> None:
        if self.class_id is None:
            home = self.client.get("/leerkracht/", name="teacher home")
            found = re.search(r'/leerkracht/klassen/(\d+)', home.text)
            self.class_id = found.group(1) if found else "0"
        self.client.get(f"/leerkracht/klassen/{self.class_id}/voortgang", name="class matrix")


class BoardScreen(BenchUser):
    weight = 1
    wait_time = between(2, 8)

    @task
    def board(self) -> None:
        self.client.get(f"/ranglijst/gemeenten/{random.choice(MUNICIPALITIES)}", name="municipality board")


class Coordinator(BenchUser):
    weight = 1
    wait_time = between(10, 20)

    def arrive(self) -> None:
        self.municipality = random.choice(MUNICIPALITIES)
        _sign_in(self, "/inloggen/medewerker", {"email": f"coordinator{self.municipality}@bench.example.org",
                                                "password": "bench wachtwoord voor de meting"}, "staff sign-in")

    @task
    def dashboard(self) -> None:
        self.client.get(f"/gemeente/{self.municipality}", name="coordinator dashboard")


class Hello(BenchUser):
    """Only for the bare Flask app (bench/load.py selects the user classes by name)."""

    wait_time = constant(0)

    @task
    def hello(self) -> None:
        self.client.get("/", name="hello")

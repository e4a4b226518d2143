"""The form fields of a step's right answer, for the benchmark's children (bench/locustfile.py).

Children mostly answer right, finish missions and earn badges. A benchmark whose children only guessed never
reached the answers that finish a mission (its bonus, the badge rules, a new rank), the costliest ones.
Kept apart from the locustfile, which a test cannot import: locust patches the standard library.
"""
from __future__ import annotations

from cyberquest.content import ContentPack, Mission

STRONG_PASSPHRASE = "paarse olifant danst op het dak"


def playable(pack: ContentPack) -> list[Mission]:
    """Missions a child plays alone and can finish without a teacher: not class quests, no offline task."""
    return [mission for mission in pack.missions.values() if not mission.class_quest and not mission.is_offline]


def right_answer(pack: ContentPack, mission_id: str, step_key: str) -> list[tuple[str, str]] | None:
    """The form fields that answer the step right; None for a step without one a child could type (an order
    step is shown in a secret shuffle; an info step has no answer)."""
    mission = pack.missions.get(mission_id)
    step = next((step for step in mission.steps if step.key == step_key), None) if mission else None
    if step is None:
        return None
    data = step.data
    if step.kind == "choice":
        return [("option", str(index)) for index in sorted(data["answer"])]
    if step.kind == "truefalse":
        return [("answer", "true" if data["answer"] else "false")]
    if step.kind == "hotspot":
        return [("part", str(index)) for index, part in enumerate(data["parts"]) if part["suspicious"]]
    if step.kind == "sort":
        return [(f"item-{index}", str(item["category"])) for index, item in enumerate(data["items"])]
    if step.kind == "password":
        return [("password", STRONG_PASSPHRASE)]
    return None

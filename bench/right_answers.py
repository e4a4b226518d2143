"""The form fields of a step's right answer, for the benchmark's children (bench/locustfile.py).

Children mostly answer right, finish missions and earn badges. A benchmark whose children only guessed never
reached the answers that finish a mission (its bonus, the badge rules, a new rank), the costliest ones.
What is right comes from the demo's seeding (`seeds.demo_progress.right_answer`); this module only writes it
as the step form would send it (the reverse of `cyberquest.web.answers.parse`). Kept apart from the
locustfile, which a test cannot import: locust patches the standard library.
"""
from __future__ import annotations

from cyberquest.content import ContentPack
from seeds.demo_progress import right_answer as parsed_right_answer


def right_answer(pack: ContentPack, mission_id: str, step_key: str) -> list[tuple[str, str]] | None:
    """The form fields that answer the step right; None for a step without one a child could type (an order
    step is shown in a secret shuffle; info and offline steps have no answer)."""
    mission = pack.missions.get(mission_id)
    step = next((step for step in mission.steps if step.key == step_key), None) if mission else None
    if step is None or step.kind in ("info", "offline", "order"):
        return None
    right = parsed_right_answer(step)
    if step.kind == "choice":
        return [("option", str(index)) for index in sorted(right)]
    if step.kind == "truefalse":
        return [("answer", "true" if right else "false")]
    if step.kind == "hotspot":
        return [("part", str(index)) for index in sorted(right)]
    if step.kind == "sort":
        return [(f"item-{index}", str(category)) for index, category in sorted(right.items())]
    return [("password", right)]

"""Scheduling properties on generated inputs (DESIGN §6)."""
from __future__ import annotations

from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from cyberquest.services.ceremony_schedule import Child, Settings, schedule

START = datetime(2027, 6, 20, 13, 0)


@st.composite
def regions(draw):
    children, next_id = [], 1
    for m in range(draw(st.integers(1, 6))):
        for s in range(draw(st.integers(1, 4))):
            for _ in range(draw(st.integers(0, 25))):
                children.append(Child(next_id, f"Kind {next_id} A.", f"School {m}-{s}", f"Gemeente {m}"))
                next_id += 1
    settings = Settings(START, draw(st.integers(5, 60)), draw(st.integers(1, 3)), draw(st.integers(0, 10)),
                        draw(st.integers(0, 20)))
    return children, settings


@given(regions())
def test_every_child_once_within_capacity_without_overlap(region):
    children, settings = region
    sessions = schedule(children, {}, settings)
    seated = [child.agent_id for s in sessions for b in s.blocks for child in b.children]
    assert sorted(seated) == sorted(c.agent_id for c in children)  # every child exactly once
    assert all(s.size <= settings.capacity for s in sessions)
    blocks = [b for s in sessions for b in s.blocks]
    assert all(a.end <= b.start for a, b in zip(blocks, blocks[1:]))  # in order, never overlapping
    assert all(a.end <= b.start for a, b in zip(sessions, sessions[1:]))
    sizes: dict[str, int] = {}
    for child in children:
        sizes[child.municipality] = sizes.get(child.municipality, 0) + 1
    split = {b.municipality for b in blocks if sum(x.municipality == b.municipality for x in blocks) > 1}
    assert all(sizes[name] > settings.capacity for name in split)  # split only when larger than a session
    assert schedule(list(reversed(children)), {}, settings) == sessions  # same input, same output


def test_a_worked_example():
    settings = Settings(START, capacity=10, minutes_per_child=2, minutes_per_mayor=5, break_minutes=15)
    children = ([Child(i, f"K{i} A.", "De Linde", "Beek") for i in range(1, 7)]
                + [Child(i, f"K{i} B.", "Het Kompas", "Gennep") for i in range(7, 10)]
                + [Child(i, f"K{i} C.", s, "Maastricht") for i, s in zip(range(10, 22), ["A"] * 5 + ["B"] * 7)])
    sessions = schedule(children, {"Beek": "C. Burgemeester"}, settings)
    layout = [[(b.municipality, len(b.children)) for b in s.blocks] for s in sessions]
    assert layout == [[("Maastricht", 5)], [("Maastricht", 7)], [("Beek", 6), ("Gennep", 3)]]
    assert sessions[0].start == START and sessions[0].end == datetime(2027, 6, 20, 13, 15)
    assert sessions[1].start == datetime(2027, 6, 20, 13, 30)
    assert sessions[2].blocks[0].mayor == "C. Burgemeester"

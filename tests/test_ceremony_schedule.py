"""Scheduling properties on generated inputs (DESIGN §6)."""
from __future__ import annotations

from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from cyberquest.services.ceremony_schedule import Change, Child, Settings, changes, from_saved, schedule, to_saved

START = datetime(2027, 6, 20, 13, 0)


@st.composite
def regions(draw):
    children, next_id = [], 1
    for m in range(draw(st.integers(1, 6))):
        for s in range(draw(st.integers(1, 4))):
            for _ in range(draw(st.integers(0, 25))):
                children.append(Child(next_id, f"Kind {next_id} A.", f"School {m}-{s}", f"Gemeente {m}"))
                next_id += 1
    settings = Settings(START, draw(st.integers(5, 60)), draw(st.sampled_from([0.25, 0.5, 1, 2, 3])),
                        draw(st.integers(0, 10)),
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


def _starts(sessions) -> dict[str, list[datetime]]:
    starts: dict[str, list[datetime]] = {}
    for session in sessions:
        for block in session.blocks:
            starts.setdefault(block.municipality, []).append(block.start)
    return starts


@given(regions(), st.data())
def test_a_saved_running_order_is_kept_where_there_is_room(region, data):
    children, settings = region
    saved = to_saved(schedule(children, {}, settings))
    assert schedule(children, {}, settings, from_saved(saved)) == schedule(children, {}, settings)  # stable
    assert changes(saved, schedule(children, {}, settings, from_saved(saved))) == []
    # only withdrawals: everybody else keeps their session and their time
    kept = [child for child in children if data.draw(st.booleans())]
    after = schedule(kept, {}, settings, from_saved(saved))
    sizes = {name: sum(c.municipality == name for c in children) for name in {c.municipality for c in children}}
    before = _starts(schedule(children, {}, settings))
    for name, starts in _starts(after).items():
        if sizes[name] <= settings.capacity:
            assert starts == before[name]
    removed = sum(change.count for change in changes(saved, after) if change.kind == "removed")
    assert removed == len(children) - len(kept)
    # late qualifications: still every child once, within capacity, never overlapping, never earlier
    late = [Child(10_000 + n, f"Laat {n} L.", f"School {n % 3}-0", f"Gemeente {n % 7}")
            for n in range(data.draw(st.integers(0, 30)))]
    grown = schedule(children + late, {}, settings, from_saved(saved))
    seated = [child.agent_id for s in grown for b in s.blocks for child in b.children]
    assert sorted(seated) == sorted(c.agent_id for c in children + late)
    assert all(s.size <= settings.capacity for s in grown)
    blocks = [b for s in grown for b in s.blocks]
    assert all(a.end <= b.start for a, b in zip(blocks, blocks[1:]))
    for session in from_saved(saved):
        if not session.own:
            for block in session.blocks:
                still = [b for b in blocks if b.municipality == block.municipality]
                assert len(still) != 1 or still[0].kept_start is None or still[0].start >= block.start
    added = sum(change.count for change in changes(saved, grown) if change.kind == "added")
    assert added == len(late)


def test_a_grown_block_pushes_the_next_one_and_that_is_reported():
    settings = Settings(START, capacity=10, minutes_per_child=2, minutes_per_mayor=5, break_minutes=15)
    children = [Child(1, "A A.", "De Linde", "Beek"), Child(2, "B B.", "Het Kompas", "Gennep")]
    saved = to_saved(schedule(children, {}, settings))  # Beek 13:00-13:07, Gennep 13:07
    grown = schedule(children + [Child(3, "C C.", "De Linde", "Beek")], {}, settings, from_saved(saved))
    assert [(b.municipality, b.start.strftime("%H:%M")) for s in grown for b in s.blocks] == \
        [("Beek", "13:00"), ("Gennep", "13:09")]
    assert changes(saved, grown) == [Change("added", "Beek", "De Linde", "", "1 13:00", 1),
                                     Change("moved", "Gennep", "Het Kompas", "1 13:07", "1 13:09", 1)]
    shrunk = schedule(children[1:], {}, settings, from_saved(saved))  # Beek withdrew: Gennep keeps 13:07
    assert [(b.municipality, b.start.strftime("%H:%M")) for s in shrunk for b in s.blocks] == [("Gennep", "13:07")]


def test_half_a_minute_per_child():
    settings = Settings(START, capacity=10, minutes_per_child=0.5, minutes_per_mayor=5, break_minutes=15)
    sessions = schedule([Child(i, f"K{i} A.", "De Linde", "Beek") for i in range(1, 8)], {}, settings)
    assert sessions[0].end == datetime(2027, 6, 20, 13, 8, 30)

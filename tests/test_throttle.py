"""Growing delays, their cap, forgetting after quiet time, and unlocking."""
from __future__ import annotations

from datetime import datetime, timedelta

from cyberquest.services import throttle

START = datetime(2026, 11, 23, 9, 0, 0)
CARD = [("card", "KLAS7B:snelle vos")]


def test_card_delay_starts_after_free_failures_doubles_and_is_capped(session):
    delays = [throttle.record_failure(session, CARD, START) for _ in range(8)]
    assert delays == [0, 0, 30, 60, 120, 240, 300, 300]


def test_locked_seconds_count_down(session):
    for _ in range(3):
        throttle.record_failure(session, CARD, START)
    assert throttle.seconds_locked(session, CARD, START) == 31
    assert 0 < throttle.seconds_locked(session, CARD, START + timedelta(seconds=29)) <= 2
    assert throttle.seconds_locked(session, CARD, START + timedelta(seconds=31)) == 0


def test_failures_are_forgotten_after_a_quiet_hour(session):
    for _ in range(3):
        throttle.record_failure(session, CARD, START)
    later = START + timedelta(hours=2)
    assert throttle.record_failure(session, CARD, later) == 0


def test_unlock_clears_the_class_and_its_cards_only(session):
    other_card = [("card", "ANDER8:slimme uil")]
    for _ in range(3):
        throttle.record_failure(session, CARD + [("class", "KLAS7B")], START)
        throttle.record_failure(session, other_card, START)
    assert throttle.locked_cards(session, "KLAS7B", START) == 1
    throttle.unlock_code(session, "class", "KLAS7B")
    assert throttle.seconds_locked(session, CARD, START) == 0
    assert throttle.seconds_locked(session, other_card, START) > 0


def test_staff_account_allows_five_tries(session):
    account = [("account", "teacher@school.example.nl")]
    delays = [throttle.record_failure(session, account, START) for _ in range(6)]
    assert delays == [0, 0, 0, 0, 60, 120]

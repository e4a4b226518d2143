"""web/kept_per_key.py: what a worker worked out with a key is found only with that key, and stays bounded."""
from __future__ import annotations

from cyberquest.web.kept_per_key import KeptPerKey


def test_a_result_is_found_with_its_key_only():
    kept: KeptPerKey[str] = KeptPerKey()
    kept.keep("sleutel-1", "ruw", "ondertekend-1")
    assert kept.find("sleutel-1", "ruw") == "ondertekend-1"
    assert kept.find("sleutel-2", "ruw") is None
    assert kept.find("sleutel-1", "ander") is None


def test_a_new_key_drops_what_the_old_key_made():
    kept: KeptPerKey[str] = KeptPerKey()
    kept.keep("sleutel-1", "ruw", "ondertekend-1")
    kept.keep("sleutel-2", "ander", "ondertekend-2")
    assert kept.find("sleutel-2", "ander") == "ondertekend-2"
    assert kept.find("sleutel-2", "ruw") is None
    assert kept.find("sleutel-1", "ruw") is None


def test_it_starts_afresh_when_full(monkeypatch):
    monkeypatch.setattr(KeptPerKey, "MOST", 3)
    kept: KeptPerKey[int] = KeptPerKey()
    for number in range(3):
        kept.keep("sleutel", f"invoer-{number}", number)
    assert [kept.find("sleutel", f"invoer-{number}") for number in range(3)] == [0, 1, 2]
    kept.keep("sleutel", "invoer-3", 3)
    assert kept.find("sleutel", "invoer-3") == 3
    assert all(kept.find("sleutel", f"invoer-{number}") is None for number in range(3))

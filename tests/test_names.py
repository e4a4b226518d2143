"""Agent names, codes and their normalisation (property-based)."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cyberquest.services.names import (CODE_ALPHABET, name_key, new_agent_name, new_code,
                                       normalise_code)


@given(st.text(max_size=80))
def test_name_key_is_idempotent_and_ignores_case_and_spacing(name):
    key = name_key(name)
    assert name_key(key) == key
    assert name_key(f"  {name.upper()}  ") == name_key(name.upper())
    assert "  " not in key and key == key.strip()


@given(st.text(alphabet=CODE_ALPHABET + " \t", max_size=20))
def test_typed_codes_are_normalised(code):
    normalised = normalise_code(code.lower())
    assert normalised == code.replace(" ", "").replace("\t", "").upper()


def test_codes_avoid_look_alike_characters():
    codes = {new_code() for _ in range(200)}
    assert all(len(code) == 6 and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert not set("01OIL") & set(CODE_ALPHABET)


def test_generated_agent_names_are_unique_in_a_full_class():
    taken: set[str] = set()
    for _ in range(600):  # more than all adjective + animal pairs: numbers are added
        name = new_agent_name(taken)
        assert name_key(name) not in taken
        taken.add(name_key(name))

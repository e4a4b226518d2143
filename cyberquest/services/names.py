"""Agent names from a word generator, and the codes printed on login cards."""
from __future__ import annotations

import re
import secrets

# Friendly Dutch adjective + animal pairs; children never type a name of their own (DESIGN §7).
ADJECTIVES = (
    "Snelle", "Slimme", "Dappere", "Stille", "Vrolijke", "Wakkere", "Handige", "Sterke",
    "Listige", "Rappe", "Kalme", "Scherpe", "Moedige", "Eerlijke", "Zuinige", "Speurende",
    "Vlotte", "Wijze", "Blije", "Trouwe", "Lenige", "Alerte", "Stoere", "Heldere",
)
ANIMALS = (
    "Vos", "Uil", "Das", "Otter", "Valk", "Lynx", "Wolf", "Bever", "Egel", "Haas", "Ree",
    "Arend", "Mus", "Kraai", "Zwaluw", "Panda", "Tijger", "Dolfijn", "Koala", "Pinguin",
    "Eekhoorn", "Hert", "Kikker", "Leeuw",
)

# No 0/O, 1/I/L: codes are read off paper by children.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def name_key(name: str) -> str:
    """Normalised form for matching a typed name: case and extra spaces do not matter."""
    return re.sub(r"\s+", " ", name).strip().casefold()


def new_agent_name(taken: set[str]) -> str:
    """A fresh adjective + animal name whose key is not in ``taken`` (keys)."""
    for _ in range(200):
        candidate = f"{secrets.choice(ADJECTIVES)} {secrets.choice(ANIMALS)}"
        if name_key(candidate) not in taken:
            return candidate
    # All short names used in a very large class: add a number.
    base = f"{secrets.choice(ADJECTIVES)} {secrets.choice(ANIMALS)}"
    number = 2
    while name_key(f"{base} {number}") in taken:
        number += 1
    return f"{base} {number}"


def new_code(length: int = 6) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(code: str) -> str:
    return re.sub(r"\s+", "", code).upper()

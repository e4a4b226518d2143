"""Hashing of passwords, PINs and card tokens."""
from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# "standard" is for passwords. "pin" is for the 4-digit PINs of login cards: 10,000 possible PINs cannot be
# protected by hashing cost, only by the sign-in throttle, so PINs get OWASP's minimum argon2id settings
# (19 MiB, 2 passes) and a class of 30 can sign in at once (about 20 ms per check instead of 100).
# "fast" is for tests and bulk seeding only; a hash made with it is upgraded at the next sign-in.
_HASHERS = {
    "standard": PasswordHasher(),
    "pin": PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1),
    "fast": PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1),
}
_DEFAULT = _HASHERS["standard"]


def hash_secret(value: str, profile: str = "standard") -> str:
    return _HASHERS[profile].hash(value)


def verify_secret(stored_hash: str, value: str) -> bool:
    try:
        return _DEFAULT.verify(stored_hash, value)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str, profile: str = "standard") -> bool:
    return _HASHERS[profile].check_needs_rehash(stored_hash)


def new_card_token() -> str:
    """A random token for the QR code on a login card."""
    return secrets.token_urlsafe(24)


def token_digest(token: str) -> str:
    """Card tokens are long and random, so a plain SHA-256 is enough to store them safely."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_pin() -> str:
    return f"{secrets.randbelow(10_000):04d}"

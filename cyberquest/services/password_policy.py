"""Staff password rules: long enough and not guessable (judged by zxcvbn)."""
from __future__ import annotations

from zxcvbn import zxcvbn

MIN_LENGTH = 10
MIN_SCORE = 3


def password_problem(password: str, user_inputs: list[str]) -> str | None:
    """``None`` when the password is acceptable, else a reason code the UI translates."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    if zxcvbn(password[:100], user_inputs=[value for value in user_inputs if value])["score"] < MIN_SCORE:
        return "too_guessable"
    return None

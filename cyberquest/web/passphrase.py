"""Live feedback on a practice passphrase while it is typed (missions and lessons alike).

The server's own judgement (zxcvbn); the passphrase is never stored or logged.
"""
from __future__ import annotations

from collections.abc import Iterable

from flask import abort, request
from flask_babel import lazy_gettext as _l

from ..content import Step
from ..content.kinds import password_score

VERDICTS = (
    _l("Very easy to guess. Make it much longer."),
    _l("Easy to guess. Add more words."),
    _l("Getting there! One or two more words."),
    _l("Almost strong enough! Add one more word."),
)
STRONG_ENOUGH = _l("Strong enough! Press Check.")


def judge(steps: Iterable[Step], step_key: str) -> dict:
    """The JSON answer for the meter of the password step ``step_key``; 400 on anything else."""
    step = next((s for s in steps if s.key == step_key and s.kind == "password"), None)
    payload = request.get_json(silent=True) or {}
    typed = payload.get("password")
    if step is None or not isinstance(typed, str) or len(typed) > 200:
        abort(400)
    score = password_score(typed)
    enough = score >= step.data["min_score"]
    return {"score": score, "enough": enough, "message": str(STRONG_ENOUGH if enough else VERDICTS[score])}

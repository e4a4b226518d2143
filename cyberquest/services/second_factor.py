"""TOTP second factor for admins and coordinators (DESIGN §7)."""
from __future__ import annotations

import time

import pyotp
from sqlalchemy.orm import Session

from ..models import StaffUser, utcnow

ISSUER = "CyberQuest Limburg"


def start_enrolment(session: Session, user: StaffUser) -> str:
    """Give the user a new, unconfirmed secret (only while none is confirmed)."""
    if user.totp_confirmed_at is None:
        user.totp_secret = pyotp.random_base32()
        session.flush()
    return user.totp_secret or ""


def provisioning_uri(user: StaffUser) -> str:
    return pyotp.TOTP(user.totp_secret or "").provisioning_uri(name=user.email, issuer_name=ISSUER)


def verify_code(session: Session, user: StaffUser, code: str) -> bool:
    """Check a 6-digit code (one step of clock drift allowed); each code works only once."""
    if not user.totp_secret:
        return False
    totp = pyotp.TOTP(user.totp_secret)
    code = code.replace(" ", "")
    current = totp.timecode(time.time())
    for drift in (0, -1, 1):
        step = current + drift
        if user.last_totp_step is not None and step <= user.last_totp_step:
            continue
        if pyotp.utils.strings_equal(totp.generate_otp(step), code):
            user.last_totp_step = step
            if user.totp_confirmed_at is None:
                user.totp_confirmed_at = utcnow()
            session.flush()
            return True
    return False


"""Signing in (cards and staff), staff sign-up and approval, PIN resets."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Agent, CourseGroup, Learner, Person, SchoolClass, StaffUser, utcnow
from . import second_factor, throttle
from .names import name_key, normalise_code
from .password_policy import password_problem
from .secrets import (hash_secret, needs_rehash, new_card_token, new_pin, token_digest,
                      verify_secret)

CardKind = Literal["agent", "learner"]


@dataclass(frozen=True)
class SignInOutcome:
    """``person`` on success; otherwise ``error`` is one of invalid, locked, unapproved."""

    person: Person | None = None
    error: str | None = None
    wait_seconds: int = 0


class AccountError(ValueError):
    """A sign-up or account change that cannot be done; ``code`` is translated by the UI."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _accept(session: Session, person: Person, secret_field: str, secret: str, profile: str) -> None:
    """Record a successful sign-in and upgrade a cheaply made hash."""
    if needs_rehash(getattr(person, secret_field), profile):
        setattr(person, secret_field, hash_secret(secret, profile))
    person.last_sign_in_at = utcnow()


def sign_in_card(
    session: Session, kind: CardKind, code: str, name: str, pin: str, client_ip: str,
    profile: str = "standard",
) -> SignInOutcome:
    """Sign in with class/group code + agent name/first name + PIN from a login card."""
    code, key = normalise_code(code), name_key(name)
    if kind == "agent":
        group_scope, group = "class", session.scalar(select(SchoolClass).where(SchoolClass.class_code == code))
    else:
        group_scope, group = "group", session.scalar(select(CourseGroup).where(CourseGroup.group_code == code))
    # Unknown codes are counted per IP (generously), so codes cannot be guessed in bulk.
    keys = [(group_scope, code), ("card", f"{code}:{key}")] if group else [("ip", client_ip)]
    wait = throttle.seconds_locked(session, keys)
    if wait:
        return SignInOutcome(error="locked", wait_seconds=wait)
    person: Agent | Learner | None = None
    if group is not None:
        model = Agent if kind == "agent" else Learner
        owner = Agent.class_id if kind == "agent" else Learner.group_id
        person = session.scalar(select(model).where(owner == group.id, model.name_key == key))
    if person is None or not pin.isdigit() or not verify_secret(person.pin_hash, pin):
        wait = throttle.record_failure(session, keys)
        return SignInOutcome(error="locked" if wait else "invalid", wait_seconds=wait)
    if kind == "agent" and group.closed_at is not None:
        return SignInOutcome(error="closed")
    throttle.clear(session, [("card", f"{code}:{key}")])
    _accept(session, person, "pin_hash", pin, profile)
    return SignInOutcome(person=person)


def sign_in_card_token(session: Session, token: str) -> Person | None:
    """Sign in with the QR token printed on a card; tokens are long and random."""
    if not token or len(token) > 100:
        return None
    digest = token_digest(token)
    for model in (Agent, Learner):
        person = session.scalar(select(model).where(model.card_token_hash == digest))
        if isinstance(person, Agent) and person.school_class.closed_at is not None:
            return None
        if person is not None:
            person.last_sign_in_at = utcnow()
            return person
    return None


def sign_in_staff(
    session: Session, email: str, password: str, client_ip: str, profile: str = "standard"
) -> SignInOutcome:
    email = email.strip().lower()
    keys = [("account", email), ("ip", client_ip)]
    wait = throttle.seconds_locked(session, keys)
    if wait:
        return SignInOutcome(error="locked", wait_seconds=wait)
    user = session.scalar(select(StaffUser).where(StaffUser.email == email))
    if user is None:
        verify_secret(_unknown_account_hash(), password)  # same time as a real check: no e-mail probing
    if user is None or not verify_secret(user.password_hash, password):
        wait = throttle.record_failure(session, keys)
        return SignInOutcome(error="locked" if wait else "invalid", wait_seconds=wait)
    throttle.clear(session, [("account", email)])
    if not user.is_approved:
        return SignInOutcome(error="unapproved")
    _accept(session, user, "password_hash", password, profile)
    return SignInOutcome(person=user)


def complete_second_factor(session: Session, user: StaffUser, code: str) -> SignInOutcome:
    """The TOTP step; wrong codes count against the account like wrong passwords."""
    keys = [("account", user.email)]
    wait = throttle.seconds_locked(session, keys)
    if wait:
        return SignInOutcome(error="locked", wait_seconds=wait)
    if not second_factor.verify_code(session, user, code):
        wait = throttle.record_failure(session, keys)
        return SignInOutcome(error="locked" if wait else "invalid", wait_seconds=wait)
    throttle.clear(session, keys)
    user.last_sign_in_at = utcnow()
    return SignInOutcome(person=user)


@cache
def _unknown_account_hash() -> str:
    return hash_secret("no account has this password")


def register_staff(
    session: Session, *, email: str, name: str, password: str, role: str,
    school_id: int | None = None, library_id: int | None = None,
    municipality_id: int | None = None, profile: str = "standard",
) -> StaffUser:
    """Self sign-up: the account waits for approval by an admin or coordinator."""
    email = email.strip().lower()
    if role not in {"teacher", "trainer", "coordinator"}:
        raise AccountError("bad_role")
    place = {"teacher": school_id, "trainer": library_id, "coordinator": municipality_id}[role]
    if place is None:
        raise AccountError("place_required")
    if session.scalar(select(StaffUser.id).where(StaffUser.email == email)) is not None:
        raise AccountError("email_taken")
    problem = password_problem(password, [email, name, "cyberquest"])
    if problem:
        raise AccountError(problem)
    user = StaffUser(
        email=email, name=name.strip(), role=role, password_hash=hash_secret(password, profile),
        school_id=school_id if role == "teacher" else None,
        library_id=library_id if role == "trainer" else None,
        municipality_id=municipality_id if role == "coordinator" else None,
    )
    session.add(user)
    session.flush()
    return user


def may_approve(approver: StaffUser, candidate: StaffUser) -> bool:
    """Admins approve anyone; coordinators approve teachers and trainers in their municipality."""
    if approver.role == "admin":
        return True
    return (
        approver.role == "coordinator"
        and candidate.role in {"teacher", "trainer"}
        and candidate.home_municipality_id == approver.municipality_id
    )


def locked_staff(session: Session) -> list[StaffUser]:
    """Staff accounts locked after wrong passwords or codes, for the admin to unlock."""
    emails = throttle.locked_keys(session, "account")
    if not emails:
        return []
    return list(session.scalars(select(StaffUser).where(StaffUser.email.in_(emails)).order_by(StaffUser.email)))


def unlock_staff(session: Session, user: StaffUser) -> None:
    """An admin lets the person try again at once (they said they forgot the password, not someone else)."""
    throttle.clear(session, [("account", user.email)])


def pending_sign_ups(session: Session, approver: StaffUser) -> list[StaffUser]:
    waiting = session.scalars(
        select(StaffUser).where(StaffUser.approved_at.is_(None)).order_by(StaffUser.created_at)
    )
    return [user for user in waiting if may_approve(approver, user)]


def approve(session: Session, approver: StaffUser, candidate: StaffUser) -> None:
    if not may_approve(approver, candidate):
        raise AccountError("not_allowed")
    candidate.approved_at = utcnow()
    candidate.approved_by_id = approver.id
    session.flush()


def reject(session: Session, approver: StaffUser, candidate: StaffUser) -> None:
    """A refused sign-up is deleted: nothing about the person is kept."""
    if not may_approve(approver, candidate) or candidate.is_approved:
        raise AccountError("not_allowed")
    session.delete(candidate)
    session.flush()


def end_sessions(person: Agent | Learner | StaffUser) -> None:
    """Every session of the person stops working, on every device (a signed-out cookie copied before is dead)."""
    person.login_epoch = (person.login_epoch or 0) + 1


def issue_card(person: Agent | Learner, profile: str = "standard") -> tuple[str, str]:
    """Give a card a new PIN and QR token; the old ones and old sessions stop working.

    Returns (pin, token) in plain text, to be printed once and never stored.
    """
    pin, token = new_pin(), new_card_token()
    person.pin_hash = hash_secret(pin, profile)
    person.card_token_hash = token_digest(token)
    end_sessions(person)
    return pin, token


def create_admin(session: Session, email: str, name: str, password: str) -> StaffUser:
    """An approved admin for a real install; the second factor is set up at first sign-in."""
    email = email.strip().lower()
    if session.scalar(select(StaffUser.id).where(StaffUser.email == email)) is not None:
        raise AccountError("email_taken")
    problem = password_problem(password, [email, name])
    if problem:
        raise AccountError(problem)
    admin = StaffUser(email=email, name=name, role="admin", password_hash=hash_secret(password),
                      approved_at=utcnow())
    session.add(admin)
    session.flush()
    return admin

"""Open Badges 2.0 for learners (adults): hosted assertions and badges baked into SVG.

Only a learner who gave an e-mail address gets an assertion, and it carries a salted SHA-256
hash of that address, never the address or a name. Children's badges are never exported.
Assertion ids are random tokens; erasing the learner deletes the award and with it the
hosted assertion (foreign key ON DELETE CASCADE).
"""
from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..content import Badge
from ..models import BadgeAssertion, BadgeAward, Learner, utcnow

CONTEXT = "https://w3id.org/openbadges/v2"
ISSUER_NAME = "CyberQuest Limburg"


class NoEmail(ValueError):
    """The learner gave no e-mail address, so there is no one to issue the badge to."""


def identity_hash(email: str, salt: str) -> str:
    """The recipient hash of the specification: sha256 of the address followed by the salt."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def assertion_for(session: Session, learner: Learner, award: BadgeAward) -> BadgeAssertion:
    """The hosted assertion of an award, made on first download; a changed address gets a new one."""
    if not learner.email:
        raise NoEmail(learner.id)
    if award.learner_id != learner.id:
        raise ValueError("not_this_learners_award")
    existing = session.scalar(select(BadgeAssertion).where(BadgeAssertion.award_id == award.id))
    if existing is not None:
        if existing.identity_hash == identity_hash(learner.email, existing.salt):
            return existing
        session.delete(existing)
        session.flush()
    salt = secrets.token_hex(16)
    assertion = BadgeAssertion(award_id=award.id, token=secrets.token_urlsafe(24), salt=salt,
                               identity_hash=identity_hash(learner.email, salt), issued_at=utcnow())
    session.add(assertion)
    session.flush()
    return assertion


def find_assertion(session: Session, token: str) -> tuple[BadgeAssertion, BadgeAward] | None:
    row = session.execute(select(BadgeAssertion, BadgeAward).join(BadgeAward, BadgeAward.id == BadgeAssertion.award_id)
                          .where(BadgeAssertion.token == token)).first()
    return (row[0], row[1]) if row else None


@dataclass(frozen=True)
class Urls:
    """Absolute URLs of the hosted documents (made by the web layer)."""

    issuer: str
    home: str
    badge_class: Callable[[str], str]  # badge id -> URL
    image: Callable[[Badge], str]
    criteria: Callable[[str], str]
    assertion: Callable[[str], str]  # token -> URL


def issuer_json(urls: Urls, email: str) -> dict:
    return {"@context": CONTEXT, "type": "Issuer", "id": urls.issuer, "name": ISSUER_NAME, "url": urls.home,
            "email": email}


def badge_class_json(badge: Badge, urls: Urls) -> dict:
    return {"@context": CONTEXT, "type": "BadgeClass", "id": urls.badge_class(badge.id), "name": badge.title.nl,
            "description": badge.description.nl, "image": urls.image(badge),
            "criteria": {"id": urls.criteria(badge.id), "narrative": badge.description.nl},
            "issuer": urls.issuer}


def assertion_json(assertion: BadgeAssertion, award: BadgeAward, urls: Urls) -> dict:
    return {
        "@context": CONTEXT, "type": "Assertion", "id": urls.assertion(assertion.token),
        "recipient": {"type": "email", "hashed": True, "salt": assertion.salt, "identity": assertion.identity_hash},
        "badge": urls.badge_class(award.badge_id),
        "verification": {"type": "hosted"},
        "issuedOn": award.awarded_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def bake_svg(svg: str, assertion: dict) -> str:
    """The badge image with the assertion inside, as the Open Badges baking specification says."""
    start = svg.index("<svg")
    end = svg.index(">", start)
    opening = svg[start:end]
    if "xmlns:openbadges" not in opening:
        opening += ' xmlns:openbadges="http://openbadges.org"'
    payload = json.dumps(assertion, ensure_ascii=False).replace("]]>", "]]]]><![CDATA[>")
    element = f"<openbadges:assertion verify={quoteattr(assertion['id'])}><![CDATA[{payload}]]></openbadges:assertion>"
    return svg[:start] + opening + ">" + element + svg[end + 1:]

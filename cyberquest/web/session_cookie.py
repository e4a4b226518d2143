"""Flask's signed-cookie session, with its serializer made once per set of secret keys and each cookie
verified once.

Flask makes a new serializer twice per request (to read the cookie and to write it); it holds nothing of a
request, so one serves every request and thread until the keys change.

A session cookie only changes when the session does (at most once a minute for an agent), yet Flask checks
its signature and decodes its tagged JSON on every request. Each worker keeps what a cookie it verified held,
and when it was signed, with the keys it was verified with; the cookie's age is checked again on every
request, exactly as itsdangerous checks it, so a kept cookie expires when a fresh one would.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature, TimestampSigner, URLSafeTimedSerializer

from .kept_per_key import KeptPerKey

_SHARED_SAFELY = (str, int, float, bool, type(None))  # values a session may hand out without a copy


@dataclass(frozen=True)
class VerifiedCookie:
    data: dict[str, Any]
    signed_at: int
    needs_copy: bool  # a list or dict inside (e.g. flashed messages): each request gets its own copy

    def session_data(self) -> dict[str, Any]:
        return copy.deepcopy(self.data) if self.needs_copy else self.data


@dataclass(frozen=True)
class Signing:
    """The serializer for one set of secret keys: replaced whole, so no thread mixes two key sets."""

    keys: tuple
    serializer: URLSafeTimedSerializer | None
    signer: TimestampSigner | None  # its clock decides a cookie's age, as when itsdangerous checks it


class KeptSerializerSessionInterface(SecureCookieSessionInterface):
    def __init__(self) -> None:
        self._signing: Signing | None = None
        self._verified: KeptPerKey[VerifiedCookie] = KeptPerKey()  # by cookie, for the keys that verified it

    def _signing_for(self, app: Flask) -> Signing:
        keys = (app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or ()))
        signing = self._signing
        if signing is None or signing.keys != keys:
            serializer = super().get_signing_serializer(app)
            signer = serializer.make_signer() if serializer is not None else None
            signing = self._signing = Signing(keys, serializer, signer)
        return signing

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        return self._signing_for(app).serializer

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        signing = self._signing_for(app)
        if signing.serializer is None:
            return None
        cookie = request.cookies.get(self.get_cookie_name(app))
        if not cookie:
            return self.session_class()
        verified = self._verified.find(signing.keys, cookie) or self._verify(signing, cookie)
        if verified is None:
            return self.session_class()
        age = signing.signer.get_timestamp() - verified.signed_at  # as in itsdangerous's TimestampSigner.unsign
        if not 0 <= age <= int(app.permanent_session_lifetime.total_seconds()):
            return self.session_class()
        return self.session_class(verified.session_data())

    def _verify(self, signing: Signing, cookie: str) -> VerifiedCookie | None:
        try:
            data, signed_at = signing.serializer.loads(cookie, return_timestamp=True)
        except BadSignature:
            return None
        if not isinstance(data, dict):
            return None
        needs_copy = not all(isinstance(value, _SHARED_SAFELY) for value in data.values())
        verified = VerifiedCookie(data, int(signed_at.timestamp()), needs_copy)
        self._verified.keep(signing.keys, cookie, verified)
        return verified


def install(app: Flask) -> None:
    app.session_interface = KeptSerializerSessionInterface()

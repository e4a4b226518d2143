"""Security headers on every response, read from this app's own config (DESIGN §7).

HTTPS-only behaviour (redirect, HSTS) applies only when the app is configured behind TLS.
"""
from __future__ import annotations

from flask import Flask, redirect, request

# Strict: nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
STATIC_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"
# The embeddable leaderboard widget only: municipality websites may frame it.
EMBED_POLICY = CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", "frame-ancestors *")


def allow_framing(response):
    """Mark a response as the embed widget: any site may frame it; everything else stays strict."""
    response.headers["Content-Security-Policy"] = EMBED_POLICY
    return response


def register(app: Flask) -> None:
    behind_tls = app.config["BEHIND_TLS"]

    if behind_tls:
        @app.before_request
        def require_https():
            if not request.is_secure and request.path != "/healthz":
                return redirect(request.url.replace("http://", "https://", 1), code=301)
            return None

    @app.after_request
    def add_security_headers(response):
        present = {name.lower() for name in response.headers.keys()}  # one pass instead of a lookup per header
        framable = "content-security-policy" in present \
            and response.headers["Content-Security-Policy"] == EMBED_POLICY
        response.headers.extend([(name, value) for name, value in STATIC_HEADERS.items()
                                 if name.lower() not in present and not (framable and name == "X-Frame-Options")])
        if behind_tls:
            response.headers["Strict-Transport-Security"] = HSTS
        return response

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


class SecurityHeaders:
    """WSGI middleware that adds the headers a response does not set itself.

    In WSGI instead of an ``after_request`` hook: there they went through werkzeug's ``Headers``, which checks
    each name and value again, about 2 % of a child's step page (bench/RESULTS.md). The values are constants
    checked once here, and every response gets them, also one that left Flask through an error.
    """

    def __init__(self, app, behind_tls: bool) -> None:
        self.app = app
        headers = [*STATIC_HEADERS.items(), *([("Strict-Transport-Security", HSTS)] if behind_tls else [])]
        self.defaults = [(name.lower(), name, value) for name, value in headers]
        self.framable_defaults = [header for header in self.defaults if header[0] != "x-frame-options"]

    def __call__(self, environ, start_response):
        def start_with_headers(status, headers, exc_info=None):
            present = {name.lower(): value for name, value in headers}
            framable = present.get("content-security-policy") == EMBED_POLICY
            added = [(name, value) for lowered, name, value in (self.framable_defaults if framable else self.defaults)
                     if lowered not in present]
            return start_response(status, headers + added, exc_info)

        return self.app(environ, start_with_headers)


def register(app: Flask) -> None:
    behind_tls = app.config["BEHIND_TLS"]

    if behind_tls:
        @app.before_request
        def require_https():
            if not request.is_secure and request.path != "/healthz":
                return redirect(request.url.replace("http://", "https://", 1), code=301)
            return None

    app.wsgi_app = SecurityHeaders(app.wsgi_app, behind_tls)  # type: ignore[method-assign]

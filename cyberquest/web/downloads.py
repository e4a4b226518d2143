"""File downloads built from service output: JSON, CSV and PDF responses."""
from __future__ import annotations

import json

from flask import Response


def download(body: str | bytes, mimetype: str, filename: str, inline: bool = False) -> Response:
    disposition = "inline" if inline else "attachment"
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'{disposition}; filename="{filename}"'})


def json_download(data: dict, filename: str) -> Response:
    """Personal data for the right of access: readable JSON, non-ASCII letters kept."""
    return download(json.dumps(data, ensure_ascii=False, indent=2), "application/json", filename)

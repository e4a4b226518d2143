"""The text of a generated PDF, read with poppler's pdftotext (a CI requirement)."""
from __future__ import annotations

import shutil
import subprocess

from .conftest import missing_requirement


def pdf_text(data: bytes, tmp_path) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        missing_requirement("poppler-utils (pdftotext)")
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    return subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True).stdout

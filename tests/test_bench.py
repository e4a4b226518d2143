"""The benchmark scripts run and print every figure, at a tiny scale (the real runs are by hand: bench/RESULTS.md)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def test_the_ceremony_benchmark_prints_its_figures():
    result = subprocess.run([sys.executable, str(BENCH / "ceremony_pack.py"), "--children", "25"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "25 consented Cyber Agents (+2 without consent)" in result.stdout
    assert re.search(r"ceremony pack: 25 children invited in \d+\.\d s", result.stdout)
    for name in ("attendees.csv", "certificates.pdf", "invitations.pdf", "programme.html", "programme.pdf",
                 "slides.html", "summary.json"):
        assert re.search(rf"{re.escape(name)}\s+\d+ KiB", result.stdout), name

"""Audit the exact versions in requirements.lock with pip-audit, minus the reviewed allowlist.

    python security/audit.py            # the audit (needs PyPI's vulnerability data)
    python security/audit.py --check    # only check the allowlist (offline; run by the tests)

An advisory is ignored only while security/audit-allowlist.toml lists it with a reason, a review date
and a date to look again; an entry past that date fails, so nothing stays accepted by default.
"""
from __future__ import annotations

import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOCK = HERE.parent / "requirements.lock"
ALLOWLIST = HERE / "audit-allowlist.toml"
FIELDS = {"id", "package", "reason", "reviewed_on", "look_again_on"}


def allowlist_problems(entries: list[dict], today: date) -> list[str]:
    problems = []
    for number, entry in enumerate(entries, start=1):
        missing = FIELDS - {key for key, value in entry.items() if value not in ("", None)}
        if missing:
            problems.append(f"entry {number}: missing {', '.join(sorted(missing))}")
            continue
        if not isinstance(entry["reviewed_on"], date) or not isinstance(entry["look_again_on"], date):
            problems.append(f"entry {number} ({entry['id']}): dates must be TOML dates (2026-12-03)")
        elif entry["look_again_on"] < today:
            problems.append(f"entry {number} ({entry['id']}): look again, the review of {entry['reviewed_on']} "
                            f"lapsed on {entry['look_again_on']}")
    return problems


def main(arguments: list[str]) -> int:
    entries = tomllib.loads(ALLOWLIST.read_text(encoding="utf-8")).get("advisory", [])
    problems = allowlist_problems(entries, date.today())
    for problem in problems:
        print(f"{ALLOWLIST.name}: {problem}", file=sys.stderr)
    if problems or "--check" in arguments:
        return 1 if problems else 0
    ignored = [flag for entry in entries for flag in ("--ignore-vuln", entry["id"])]
    # --strict: a package the audit could not look up is a failure, not a silent skip.
    command = [sys.executable, "-m", "pip_audit", "--strict", "--no-deps", "--disable-pip", "--progress-spinner",
               "off", "-r", str(LOCK), *ignored]
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

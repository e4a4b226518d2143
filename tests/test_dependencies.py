"""The lock file pins every declared dependency within its declared range, and the audit's allowlist holds
only reviewed, dated entries (security/audit.py)."""
from __future__ import annotations

import configparser
import importlib.util
import subprocess
import sys
from datetime import date
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def _declared() -> list[Requirement]:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    lines = config["options"]["install_requires"].splitlines() + config["options.extras_require"]["dev"].splitlines()
    return [Requirement(line) for line in lines if line.strip()]


def _locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        name, separator, version = line.partition("==")
        assert separator and version, f"not an exact pin: {line!r}"
        pins[canonicalize_name(name)] = version
    return pins


def test_every_declared_dependency_is_locked_within_its_range():
    locked = _locked()
    wrong = [(str(requirement), locked.get(canonicalize_name(requirement.name))) for requirement in _declared()
             if locked.get(canonicalize_name(requirement.name)) not in requirement.specifier]
    assert wrong == []


def _audit_module():
    spec = importlib.util.spec_from_file_location("audit", ROOT / "security" / "audit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_allowlist_is_valid():
    checked = subprocess.run([sys.executable, str(ROOT / "security" / "audit.py"), "--check"], capture_output=True,
                             text=True, check=False)
    assert checked.returncode == 0, checked.stderr


def test_an_allowlist_entry_needs_a_reason_and_lapses_on_its_date():
    problems = _audit_module().allowlist_problems
    entry = {"id": "GHSA-1234-5678-9abc", "package": "flask", "reason": "only in a CLI we do not use",
             "reviewed_on": date(2026, 12, 3), "look_again_on": date(2027, 1, 3)}
    assert problems([entry], date(2026, 12, 20)) == []
    assert "lapsed" in problems([entry], date(2027, 1, 4))[0]
    assert "missing reason" in problems([{**entry, "reason": ""}], date(2026, 12, 20))[0]
    assert "TOML dates" in problems([{**entry, "look_again_on": "soon"}], date(2026, 12, 20))[0]

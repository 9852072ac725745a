"""`make lock` keeps the platform markers pyproject.toml declares (scripts/lock-markers.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(frozen: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "lock-markers.py"), str(ROOT / "pyproject.toml")],
        input=frozen,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.splitlines()


def test_a_frozen_pin_gets_its_declared_marker_and_others_stay_as_they_are() -> None:
    assert _run(
        'fastapi==0.163.0\nUVLoop==0.23.0\n# a comment\nuvloop==0.23.0 ; sys_platform != "win32"\n'
    ) == [
        "fastapi==0.163.0",
        'UVLoop==0.23.0 ; sys_platform != "win32"',
        "# a comment",
        'uvloop==0.23.0 ; sys_platform != "win32"',  # already marked: left alone
    ]


def test_the_lock_files_carry_every_declared_marker() -> None:
    for lock in ("run.lock", "dev.lock"):
        lines = (ROOT / "requirements" / lock).read_text(encoding="utf-8").splitlines()
        assert _run("\n".join(ln.split(" ;")[0] for ln in lines)) == lines, lock

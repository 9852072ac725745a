"""Give the pinned lines of a `pip freeze` the environment markers pyproject.toml declares for them.

`pip freeze` writes what is installed here, without the markers: `make lock` on Linux dropped
`; sys_platform != "win32"` from uvloop, and the lock files then failed to install on Windows.
Usage: pip freeze | python scripts/lock-markers.py pyproject.toml
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def markers(pyproject: Path) -> dict[str, str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    declared = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        declared += extra
    found: dict[str, str] = {}
    for spec in declared:
        requirement, _, marker = spec.partition(";")
        name = NAME.match(requirement)
        if name and marker.strip():
            found[canonical(name.group(1))] = marker.strip().replace("'", '"')
    return found


def apply(lines: list[str], found: dict[str, str]) -> list[str]:
    out = []
    for line in lines:
        name = NAME.match(line)
        marker = found.get(canonical(name.group(1))) if name and "==" in line and ";" not in line else None
        out.append(f"{line.rstrip()} ; {marker}" if marker else line.rstrip())
    return out


if __name__ == "__main__":
    pinned = apply(sys.stdin.read().splitlines(), markers(Path(sys.argv[1])))
    sys.stdout.write("".join(f"{line}\n" for line in pinned))

"""`jxc verify`: invariant checks that domains register; each returns a list of problems."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jxc.db.engine import Database


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[Database], list[str]]


_CHECKS: list[Check] = []


def register(name: str) -> Callable[[Callable[[Database], list[str]]], Callable[[Database], list[str]]]:
    def wrap(fn: Callable[[Database], list[str]]) -> Callable[[Database], list[str]]:
        _CHECKS.append(Check(name, fn))
        return fn

    return wrap


def checks() -> list[Check]:
    return list(_CHECKS)

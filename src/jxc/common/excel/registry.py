"""Domains register each importable entity once; the HTTP routes and `jxc import/export` find it here.

`jxc.common` cannot import the domains (the layering rule), so they come to it: a domain module calls
`register(...)` at import time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from jxc.common.excel.importer import ApplyResult, ImportResult, run_import
from jxc.common.excel.reader import Row, Table, read_table
from jxc.common.excel.spec import ImportSpec
from jxc.common.export import Column

SessionApply = Callable[[Session, list[Row], bool], ApplyResult]
ExportRows = Callable[[Session], Iterable[Any]]


@dataclass(frozen=True)
class Registration:
    entity: str
    spec: ImportSpec
    apply: SessionApply
    export_rows: ExportRows
    export_columns: Sequence[Column]

    def run(self, session: Session, filename: str, data: bytes, commit: bool) -> tuple[Table, ImportResult]:
        """Read and import one file inside the caller's transaction (which the caller commits)."""
        table = read_table(filename, data, self.spec)
        return table, run_import(self.spec, table, partial(self.apply, session), commit)


_entities: dict[str, Registration] = {}


def register(
    entity: str,
    spec: ImportSpec,
    apply: SessionApply,
    export_rows: ExportRows,
    export_columns: Sequence[Column],
) -> Registration:
    # Registering again replaces: a module imported twice (tests, reloads) must not fail.
    registration = Registration(entity, spec, apply, export_rows, tuple(export_columns))
    _entities[entity] = registration
    return registration


def get(entity: str) -> Registration:
    try:
        return _entities[entity]
    except KeyError:
        raise KeyError(
            f"no import/export registered for {entity!r}; known: {', '.join(entities())}"
        ) from None


def find(entity: str) -> Registration | None:
    return _entities.get(entity)


def entities() -> list[str]:
    return sorted(_entities)

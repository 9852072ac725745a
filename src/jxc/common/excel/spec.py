"""What one importable entity looks like: its columns, their kinds and limits.

A domain declares an `ImportSpec` with its own label keys; the template, the reader, the error file and the
importer all work from it, so the header a user sees is always the translated label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Literal

from pydantic import BaseModel

from jxc.common.context import LANGUAGES
from jxc.common.i18n import t

Kind = Literal["text", "code", "barcode", "decimal", "int", "bool", "choice", "date"]
TEXT_KINDS = ("text", "code", "barcode")
MAX_ROWS = 50_000
MAX_BYTES = 10 * 1024 * 1024
# Spreadsheet rows of a template: 1 instructions, 2 header, data from 3.
HEADER_ROW = 2


@dataclass(frozen=True)
class Field:
    key: str
    label_key: str
    required: bool = False
    kind: Kind = "text"
    scale: int | None = None  # decimal places allowed
    choices: tuple[tuple[str, str], ...] = ()  # (value, label_key)
    help_key: str | None = None
    max_length: int | None = None
    example: str | None = None

    def label(self) -> str:
        return t(self.label_key)

    def header(self) -> str:
        return self.label() + ("*" if self.required else "")

    def names(self) -> set[str]:
        """Every header text that means this column: the label in each language and the key itself."""
        names = {normalise(t(self.label_key, lang)) for lang in LANGUAGES}
        names.add(normalise(self.key))
        return names

    def choice_labels(self) -> list[str]:
        return [t(label_key) for _, label_key in self.choices]


@dataclass(frozen=True)
class ImportSpec:
    entity: str
    title_key: str
    fields: Sequence[Field]
    instructions_key: str | None = None
    max_rows: int = MAX_ROWS
    max_bytes: int = MAX_BYTES
    # The domain's apply(rows, write=True) checks every row first and writes nothing when it finds a
    # problem; then a clean file is checked once, not once to preview and again to write.
    checks_on_write: bool = False
    _by_key: dict[str, Field] = dc_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        fields = tuple(self.fields)
        by_key = {f.key: f for f in fields}
        if len(by_key) != len(fields):
            raise ValueError(f"{self.entity}: field keys must be unique")
        object.__setattr__(self, "fields", fields)
        object.__setattr__(self, "_by_key", by_key)

    def field(self, key: str) -> Field:
        return self._by_key[key]

    def title(self) -> str:
        return t(self.title_key)

    def required(self) -> list[Field]:
        return [f for f in self.fields if f.required]

    def error(self, row: int, key: str, message: str) -> CellError:
        """A domain's error on one cell, e.g. `spec.error(row.number, "code", t("catalog.code_taken"))`."""
        return CellError(
            row=row, column=self.field(key).label() if key in self._by_key else key, message=message
        )


class CellError(BaseModel):
    """One problem: `row` is the spreadsheet row number the user sees (0 for the whole file), `column`
    the column's header label ("" for the whole file)."""

    row: int
    column: str
    message: str


def file_error(message: str) -> CellError:
    return CellError(row=0, column="", message=message)


def normalise(header: str) -> str:
    """Header text as compared: without the required mark, spaces and case."""
    return "".join(ch for ch in header if ch not in "*＊" and not ch.isspace()).casefold()

"""One cell to one Python value, per field kind, with the user's message when it cannot be.

Cells arrive as python-calamine gives them (str, int, float, bool, date, datetime, time, timedelta) or as
CSV text. Numbers never go through float arithmetic: a float cell becomes a Decimal via its shortest text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from jxc.common.context import LANGUAGES
from jxc.common.excel.spec import Field, normalise
from jxc.common.i18n import t

# Excel holds 15 significant digits; anything a float shows beyond that is binary noise or lost digits.
EXCEL_DIGITS = 15
SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d*)?[eE][+-]?\d+$")
NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"
)
CURRENCY = "¥￥"
SEPARATORS = str.maketrans("", "", ",，' \u00a0\u2009\u3000")
TRUE_WORDS = {"是", "y", "yes", "true", "1", "启用", "有效", "√"}
FALSE_WORDS = {"否", "n", "no", "false", "0", "停用", "无效", "禁用", "×"}

Result = tuple[Any, str | None]
Coerce = Callable[[Any], Result]


def is_empty(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def float_decimal(value: float) -> Decimal:
    """The number the user typed: 0.1 stays 0.1; a formula's 0.30000000000000004 reads as Excel shows it."""
    text = repr(value)
    number = Decimal(text)
    if len(text) > EXCEL_DIGITS and len(number.as_tuple().digits) > EXCEL_DIGITS:
        number = Decimal(format(value, f".{EXCEL_DIGITS}g"))
    return number


def plain(number: Decimal) -> str:
    """Fixed-point text without trailing zeros: 2001.0 → "2001", 1E+3 → "1000"."""
    return format(number.normalize(), "f") if number else "0"


@lru_cache(maxsize=4096)
def _float_text(value: float) -> str:
    # Cached: a price or ratio column repeats a few values down 50,000 rows. 0.0 and -0.0 share a key and
    # both read "0", so the cache cannot change an answer.
    return plain(float_decimal(value))


def text_of(cell: Any) -> str:
    """A cell as the user sees it, for the error file and for text columns."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, float):
        return _float_text(cell)
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == time() else cell.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(cell, date | time):
        return cell.isoformat()
    if isinstance(cell, timedelta):
        return str(cell)
    return str(cell)


def _number_text(text: str) -> Decimal | None:
    cleaned = text.strip().translate(SEPARATORS)
    sign = ""
    # Not `cleaned[:1] in "+-"`: the empty string is "in" every string, and a cell of only separators
    # ("," or "'") then raised IndexError instead of reading as "not a number".
    if len(cleaned) > 1 and cleaned[0] in "+-" and cleaned[1] in CURRENCY:
        sign, cleaned = cleaned[0], cleaned[1:]
    cleaned = sign + cleaned.lstrip(CURRENCY)
    if not NUMBER.match(cleaned) and not SCIENTIFIC.match(cleaned):
        return None
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _number(cell: Any) -> Decimal | None:
    if isinstance(cell, bool | date | time | timedelta):
        return None
    if isinstance(cell, int):
        return Decimal(cell)
    if isinstance(cell, float):
        number = float_decimal(cell)
        return number if number.is_finite() else None
    return _number_text(str(cell))


class Coercer:
    """Turns cells into values for one spec; choice look-ups are built once per file, not per cell."""

    def __init__(self, fields: list[Field]) -> None:
        self.choices: dict[str, dict[str, str]] = {}
        for f in fields:
            if f.kind == "choice":
                lookup: dict[str, str] = {}
                for value, label_key in f.choices:
                    for lang in LANGUAGES:
                        lookup[normalise(t(label_key, lang))] = value
                    lookup[normalise(value)] = value
                self.choices[f.key] = lookup
        self.true_words = TRUE_WORDS | {t("common.yes", lang).casefold() for lang in LANGUAGES}
        self.false_words = FALSE_WORDS | {t("common.no", lang).casefold() for lang in LANGUAGES}

    def __call__(self, field: Field, cell: Any) -> Result:
        if is_empty(cell):
            return None, t("excel.required") if field.required else None
        kind = field.kind
        if kind == "decimal":
            return _decimal(field, cell)
        if kind == "int":
            return _int(cell)
        if kind == "bool":
            return self._bool(cell)
        if kind == "date":
            return _date(cell)
        if kind == "choice":
            value = self.choices[field.key].get(normalise(text_of(cell)))
            if value is None:
                return None, t("excel.choice_invalid", choices="、".join(field.choice_labels()))
            return value, None
        text, error = _barcode(cell) if kind == "barcode" else (text_of(cell).strip(), None)
        if error is None and field.max_length is not None and len(text) > field.max_length:
            error = t("excel.too_long", max=field.max_length)
        return (None, error) if error else (text, None)

    def for_field(self, field: Field) -> Coerce:
        """`self(field, ·)` for one column, with a short path for the cells a large file is made of (plain
        text, digit-only barcodes, numbers repeated down a price column); anything else takes the general
        path, so every answer is the same as `self(field, cell)`."""

        def general(cell: Any) -> Result:
            return self(field, cell)

        if field.kind in ("text", "code", "barcode"):
            return _text_path(field, general)
        if field.kind == "decimal":
            return _memoised(general)
        return general

    def _bool(self, cell: Any) -> Result:
        if isinstance(cell, bool):
            return cell, None
        if isinstance(cell, int | float) and cell in (0, 1):
            return cell == 1, None
        word = text_of(cell).strip().casefold()
        if word in self.true_words:
            return True, None
        if word in self.false_words:
            return False, None
        return None, t("excel.bool_invalid", yes=t("common.yes"), no=t("common.no"))


def _text_path(field: Field, general: Coerce) -> Coerce:
    max_length = field.max_length
    digits_only = field.kind == "barcode"

    def coerce(cell: Any) -> Result:
        if cell.__class__ is not str:
            return general(cell)
        text = cell.strip()
        if not text or (digits_only and not text.isdigit()):
            return general(cell)
        if max_length is not None and len(text) > max_length:
            return None, t("excel.too_long", max=max_length)
        return text, None

    return coerce


def _memoised(general: Coerce) -> Coerce:
    """Clean results kept per cell value and type (1 and 1.0, 0.0 and -0.0 are different cells); error
    messages are not kept, they depend on the language of the moment."""
    memo: dict[tuple[type, Any], Result] = {}

    def coerce(cell: Any) -> Result:
        kind = cell.__class__
        if kind is not float and kind is not int and kind is not str:
            return general(cell)
        key = (kind, cell if kind is not float or cell else repr(cell))
        found = memo.get(key)
        if found is None:
            found = general(cell)
            if found[1] is None:
                memo[key] = found
        return found

    return coerce


def _barcode(cell: Any) -> tuple[str, str | None]:
    if isinstance(cell, bool):
        return "", t("excel.barcode_digits")
    if isinstance(cell, int | float):
        number = Decimal(cell) if isinstance(cell, int) else Decimal(repr(cell))
        if not number.is_finite() or number != number.to_integral_value() or number < 0:
            return "", t("excel.barcode_digits")
        digits = str(int(number))
        if len(digits) > EXCEL_DIGITS:
            return "", t("excel.barcode_scientific")
        return digits, None
    text = text_of(cell).strip()
    if SCIENTIFIC.match(text):
        return "", t("excel.barcode_scientific")
    if NUMBER.match(text) and not text.isdigit():
        return "", t("excel.barcode_digits")
    return text, None


def _decimal(field: Field, cell: Any) -> Result:
    number = _number(cell)
    if number is None:
        return None, t("excel.decimal_invalid")
    if field.scale is not None:
        exponent = number.normalize().as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        if places > field.scale:
            return None, t("excel.decimal_scale", scale=field.scale)
        try:
            number = number.quantize(Decimal(1).scaleb(-field.scale))
        except InvalidOperation:
            return None, t("excel.decimal_invalid")
    return number, None


def _int(cell: Any) -> Result:
    number = _number(cell)
    if number is None or number != number.to_integral_value():
        return None, t("excel.int_invalid")
    return int(number), None


def _date(cell: Any) -> Result:
    if isinstance(cell, datetime):
        return cell.date(), None
    if isinstance(cell, date):
        return cell, None
    match = DATE.match(cell.strip()) if isinstance(cell, str) else None
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3])), None
        except ValueError:
            pass
    return None, t("excel.date_invalid")

"""Barcodes: EAN-13, EAN-8, UPC-A and GTIN-14 check digits; anything else is an internal code."""

from __future__ import annotations

import re

_SCIENTIFIC = re.compile(r"^\d+(\.\d+)?[eE][+-]?\d+$")
_CHECKED_LENGTHS = (8, 12, 13, 14)
_ALLOWED = re.compile(r"^[0-9A-Za-z\-_.]{1,32}$")


def check_digit(body: str) -> int:
    """GS1 mod-10 check digit of the digits before it (weights 3,1,3,… from the right)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def problem(barcode: str) -> str | None:
    """The validation code refusing this barcode, or None."""
    if _SCIENTIFIC.match(barcode):
        return "barcode_scientific"  # Excel turned 6901234567892 into 6.9E+12: the digits are gone
    if not _ALLOWED.match(barcode):
        return "barcode_invalid"
    if (
        barcode.isdigit()
        and len(barcode) in _CHECKED_LENGTHS
        and check_digit(barcode[:-1]) != int(barcode[-1])
    ):
        return "barcode_check_digit"
    return None


def normalise(raw: str) -> str:
    value = raw.strip()
    if value.endswith(".0") and value[:-2].isdigit():
        value = value[:-2]  # 2001.0 from a number cell
    return value

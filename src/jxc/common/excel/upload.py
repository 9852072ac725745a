"""Refuse an upload before reading it: wrong type, too large (read no further than the limit), empty."""

from __future__ import annotations

from pathlib import PurePath

from fastapi import UploadFile

from jxc.common.errors import DomainError, Invalid
from jxc.common.excel.reader import EXTENSIONS
from jxc.common.excel.spec import ImportSpec


class TooLarge(DomainError):
    status = 413
    code = "import_too_large"


async def read_upload(file: UploadFile, spec: ImportSpec) -> tuple[str, bytes]:
    """The file's name and bytes, or a 413/422 problem naming the limit."""
    name = PurePath(file.filename or "").name
    if PurePath(name).suffix.lower() not in EXTENSIONS:
        raise Invalid("import_bad_type", types=" ".join(EXTENSIONS))
    max_mb = spec.max_bytes // (1024 * 1024)
    if file.size is not None and file.size > spec.max_bytes:
        raise TooLarge(max_mb=max_mb)
    data = await file.read(spec.max_bytes + 1)
    if len(data) > spec.max_bytes:
        raise TooLarge(max_mb=max_mb)
    if not data:
        raise Invalid("import_empty")
    return name, data

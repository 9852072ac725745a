"""Generic Excel/CSV import and template engine for master data (see docs/contracts/master-data-api.md)."""

from jxc.common.excel.error_file import with_errors
from jxc.common.excel.importer import ApplyResult, ImportResult, ImportWriteFailed, run_import
from jxc.common.excel.reader import Row, Table, read_table
from jxc.common.excel.registry import Registration, entities, find, get, register
from jxc.common.excel.spec import CellError, Field, ImportSpec
from jxc.common.excel.template import build_template
from jxc.common.excel.upload import read_upload

__all__ = [
    "ApplyResult",
    "CellError",
    "Field",
    "ImportResult",
    "ImportSpec",
    "ImportWriteFailed",
    "Registration",
    "Row",
    "Table",
    "build_template",
    "entities",
    "find",
    "get",
    "read_table",
    "read_upload",
    "register",
    "run_import",
    "with_errors",
]

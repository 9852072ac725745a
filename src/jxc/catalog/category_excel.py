"""商品分类 import and export: one row per category named by its path (饮料/碳酸饮料); parents are made."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy.orm import Session

from jxc.catalog.excel import category_paths
from jxc.catalog.models import Category
from jxc.common.excel import ApplyResult, Field, ImportSpec, register
from jxc.common.excel.reader import Row
from jxc.common.excel.spec import CellError
from jxc.common.export import Column
from jxc.common.i18n import t

SPEC = ImportSpec(
    "categories",
    "export.categories",
    [
        Field(
            "path",
            "field.category_path",
            required=True,
            max_length=200,
            help_key="help.category_path",
            example="示例：饮料/碳酸饮料",
        ),
        Field("sort_order", "field.sort_order", kind="int", example="1"),
    ],
)
COLUMNS = [Column("path", "field.category_path"), Column("sort_order", "field.sort_order", "number")]


def _parts(path: str) -> list[str]:
    return [p.strip() for p in path.replace("\\", "/").replace(">", "/").split("/") if p.strip()]


def apply(session: Session, rows: list[Row], write: bool) -> ApplyResult:
    known = {path: cid for cid, path in category_paths(session).items()}
    errors: list[CellError] = []
    seen: dict[str, int] = {}
    for row in rows:
        parts = _parts(row.values.get("path") or "")
        key = "/".join(parts)
        if not parts or any(len(p) > 64 for p in parts):
            errors.append(SPEC.error(row.number, "path", t("validation.invalid")))
        elif key in seen:
            errors.append(SPEC.error(row.number, "path", t("import.duplicate_in_file", row=seen[key])))
        seen.setdefault(key, row.number)
    created = sum(1 for key in seen if key not in known)
    if errors or not write:
        return ApplyResult(created=created, updated=len(seen) - created, errors=errors)
    by_id = {c.id: c for c in session.query(Category).all()}
    for row in rows:
        parts = _parts(row.values["path"])
        parent: int | None = None
        for depth in range(1, len(parts) + 1):
            path = "/".join(parts[:depth])
            if path not in known:
                node = Category(name=parts[depth - 1], parent_id=parent, sort_order=0)
                session.add(node)
                session.flush()
                known[path], by_id[node.id] = node.id, node
            parent = known[path]
        if row.values.get("sort_order") is not None and parent is not None:
            by_id[parent].sort_order = row.values["sort_order"]
    session.flush()
    return ApplyResult(created=created, updated=len(seen) - created, errors=[])


def export_rows(session: Session) -> list[SimpleNamespace]:
    paths = category_paths(session)
    orders = {c.id: c.sort_order for c in session.query(Category).all()}
    return [
        SimpleNamespace(path=p, sort_order=orders[cid])
        for cid, p in sorted(paths.items(), key=lambda x: x[1])
    ]


register("categories", SPEC, apply, export_rows, COLUMNS)

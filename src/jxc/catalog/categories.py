"""The category tree (商品分类): move and reorder; a category in use or with children is not deleted."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jxc.catalog.models import Category, Product
from jxc.catalog.schemas import CategoryCreate, CategoryNode, CategoryUpdate
from jxc.common import refs
from jxc.common.errors import Conflict, Invalid, NotFound, field_error


def _all(session: Session) -> list[Category]:
    return list(session.execute(select(Category).order_by(Category.sort_order, Category.id)).scalars())


def tree(session: Session) -> list[CategoryNode]:
    rows = _all(session)
    counts = dict(
        session.execute(
            select(Product.category_id, func.count())
            .where(Product.category_id.is_not(None))
            .group_by(Product.category_id)
        ).all()
    )
    nodes = {
        c.id: CategoryNode(
            id=c.id,
            name=c.name,
            parent_id=c.parent_id,
            sort_order=c.sort_order,
            product_count=int(counts.get(c.id, 0)),
            version=c.version,
            children=[],
        )
        for c in rows
    }
    roots = []
    for c in rows:
        node = nodes[c.id]
        if c.parent_id is not None and c.parent_id in nodes:
            nodes[c.parent_id].children.append(node)
        else:
            roots.append(node)
    return roots


def descendants(session: Session, category_id: int) -> set[int]:
    """The category and everything below it."""
    children: dict[int | None, list[int]] = {}
    for c in _all(session):
        children.setdefault(c.parent_id, []).append(c.id)
    out, stack = set(), [category_id]
    while stack:
        cid = stack.pop()
        if cid in out:
            continue
        out.add(cid)
        stack.extend(children.get(cid, []))
    return out


def _load(session: Session, category_id: int) -> Category:
    row = session.execute(select(Category).where(Category.id == category_id)).scalar_one_or_none()
    if row is None:
        raise NotFound("category_not_found")
    return row


def _check_parent(session: Session, parent_id: int | None, moving: int | None = None) -> None:
    if parent_id is None:
        return
    _load(session, parent_id)
    if moving is not None and parent_id in descendants(session, moving):
        raise Invalid("category_cycle", errors=[field_error("body.parent_id", "category_cycle")])


def create(session: Session, body: CategoryCreate) -> CategoryNode:
    _check_parent(session, body.parent_id)
    row = Category(name=body.name, parent_id=body.parent_id, sort_order=body.sort_order)
    session.add(row)
    session.flush()
    return CategoryNode(
        id=row.id,
        name=row.name,
        parent_id=row.parent_id,
        sort_order=row.sort_order,
        product_count=0,
        version=row.version,
        children=[],
    )


def update(session: Session, category_id: int, body: CategoryUpdate) -> CategoryNode:
    row = _load(session, category_id)
    if body.version != row.version:
        raise Conflict("version_conflict")
    if "parent_id" in body.model_fields_set and body.parent_id != row.parent_id:
        _check_parent(session, body.parent_id, moving=row.id)
        row.parent_id = body.parent_id
    if body.name is not None:
        row.name = body.name
    if body.sort_order is not None:
        row.sort_order = body.sort_order
    session.flush()
    count = session.execute(select(func.count()).where(Product.category_id == row.id)).scalar_one()
    return CategoryNode(
        id=row.id,
        name=row.name,
        parent_id=row.parent_id,
        sort_order=row.sort_order,
        product_count=int(count),
        version=row.version,
        children=[],
    )


def delete(session: Session, category_id: int) -> None:
    row = _load(session, category_id)
    if session.execute(select(Category.id).where(Category.parent_id == row.id).limit(1)).first():
        raise Conflict("category_has_children")
    if session.execute(select(Product.id).where(Product.category_id == row.id).limit(1)).first():
        raise Conflict("category_in_use")
    session.delete(row)
    session.flush()


def names(session: Session, ids: list[int] | None) -> dict[int, str]:
    stmt = select(Category.id, Category.name)
    rows = session.execute(stmt if ids is None else stmt.where(Category.id.in_(ids))).all()
    return {int(i): str(n) for i, n in rows}


refs.register_lookup("category", names)

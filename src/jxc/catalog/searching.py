"""The `search_text` of products and SKUs, built in one place for the editor and the import."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from jxc.catalog.models import Barcode, Product, Sku
from jxc.common.pinyin import mnemonic, search_text

_PRODUCTS = cast(Table, Product.__table__)
_SKUS = cast(Table, Sku.__table__)
_SET_PRODUCT = (
    update(_PRODUCTS).where(_PRODUCTS.c.id == bindparam("row_id")).values(search_text=bindparam("text"))
)
_SET_SKU = update(_SKUS).where(_SKUS.c.id == bindparam("row_id")).values(search_text=bindparam("text"))


def product_tokens(p: Product) -> list[str]:
    m = mnemonic(p.name)
    return [p.code, p.name, p.spec, p.model, p.brand, p.mnemonic, *(p.mnemonic_alternatives or []), m.full]


def refresh(session: Session, product_ids: Iterable[int]) -> None:
    """Recompute the search text of these products and their SKUs from what is stored."""
    ids = sorted(set(product_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        products = session.execute(select(Product).where(Product.id.in_(chunk))).scalars().all()
        skus = session.execute(select(Sku).where(Sku.product_id.in_(chunk))).scalars().all()
        codes: dict[int, list[str]] = {}
        for sku_id, code in session.execute(
            select(Barcode.sku_id, Barcode.barcode).where(Barcode.sku_id.in_([s.id for s in skus]))
        ).all():
            codes.setdefault(sku_id, []).append(code)
        tokens = {p.id: product_tokens(p) for p in products}
        by_product: dict[int, list[str]] = {}
        sku_rows = []
        for s in skus:
            own = codes.get(s.id, [])
            by_product.setdefault(s.product_id, []).extend([s.code, *own])
            sku_rows.append(
                {"row_id": s.id, "text": search_text(*tokens[s.product_id], s.code, s.attributes_text, *own)}
            )
        # Core executemany: the search text is derived, not an edit, so the product's version stays.
        if sku_rows:
            session.execute(_SET_SKU, sku_rows)
        session.execute(
            _SET_PRODUCT,
            [
                {"row_id": p.id, "text": search_text(*tokens[p.id], *by_product.get(p.id, []))}
                for p in products
            ],
        )

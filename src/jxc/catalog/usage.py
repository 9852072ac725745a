"""What in the catalogue references rows of other domains (asked before those rows are deleted)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.catalog.models import Product, Sku, SkuStockLimit
from jxc.common import refs
from jxc.common.i18n import t


def _supplier_of(session: Session, partner_id: int) -> str | None:
    row = session.execute(
        select(Product.name).where(Product.default_supplier_id == partner_id).limit(1)
    ).first()
    return t("refs.default_supplier", name=row[0]) if row else None


def _limits_in(session: Session, warehouse_id: int) -> str | None:
    row = session.execute(
        select(Sku.code)
        .join(SkuStockLimit, SkuStockLimit.sku_id == Sku.id)
        .where(SkuStockLimit.warehouse_id == warehouse_id)
        .limit(1)
    ).first()
    return t("refs.stock_limit", code=row[0]) if row else None


refs.register_usage("partner", _supplier_of)
refs.register_usage("warehouse", _limits_in)

"""Reading products: the detail, the list, the SKU picker and the barcode lookup (batch-loaded per page)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.catalog.categories import descendants
from jxc.catalog.models import (
    Barcode,
    Category,
    Product,
    ProductUnit,
    Sku,
    SkuLevelPrice,
    SkuPrice,
    SkuStockLimit,
    Unit,
)
from jxc.catalog.schemas import (
    AttributeOut,
    BarcodeHit,
    BarcodeOut,
    LevelPriceOut,
    PriceOut,
    ProductListItem,
    ProductRead,
    ProductUnitOut,
    SkuOut,
    SkuPick,
    StockLimitOut,
    UnitRef,
)
from jxc.common.errors import NotFound
from jxc.common.pagination import ListParams, paginate
from jxc.db.search import contains


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


PRODUCT_SORTS = {"code": Product.code, "name": Product.name, "created_at": Product.created_at}
SKU_SORTS = {"code": Sku.code}


def _units(session: Session) -> dict[int, Unit]:
    return {u.id: u for u in session.execute(select(Unit)).scalars()}


def get_product(session: Session, product_id: int) -> ProductRead:
    p = session.execute(select(Product).where(Product.id == product_id)).scalar_one_or_none()
    if p is None:
        raise NotFound("product_not_found")
    units = _units(session)
    extra = (
        session.execute(select(ProductUnit).where(ProductUnit.product_id == p.id).order_by(ProductUnit.ratio))
        .scalars()
        .all()
    )
    base = units[p.base_unit_id]
    unit_rows = [
        ProductUnitOut(
            unit_id=base.id,
            name=base.name,
            ratio=Decimal(1),
            allow_fraction=base.allow_fraction,
            is_base=True,
        )
    ]
    unit_rows += [
        ProductUnitOut(
            unit_id=u.unit_id,
            name=units[u.unit_id].name,
            ratio=u.ratio,
            allow_fraction=units[u.unit_id].allow_fraction,
            is_base=False,
        )
        for u in extra
    ]
    skus = session.execute(select(Sku).where(Sku.product_id == p.id).order_by(Sku.id)).scalars().all()
    category = (
        session.execute(select(Category.name).where(Category.id == p.category_id)).scalar_one_or_none()
        if p.category_id
        else None
    )
    return ProductRead(
        id=p.id,
        code=p.code,
        name=p.name,
        spec=p.spec,
        model=p.model,
        brand=p.brand,
        category_id=p.category_id,
        category_name=category,
        base_unit_id=p.base_unit_id,
        mnemonic=p.mnemonic,
        mnemonic_alternatives=list(p.mnemonic_alternatives or []),
        tracking=p.tracking,
        shelf_life_days=p.shelf_life_days,
        location=p.location,
        default_supplier_id=p.default_supplier_id,
        image_url=p.image_url,
        remark=p.remark,
        is_active=p.is_active,
        version=p.version,
        created_at=p.created_at,
        units=unit_rows,
        attributes=[AttributeOut(name=a["name"], values=list(a["values"])) for a in p.attributes or []],
        skus=_sku_details(session, skus),
    )


def _sku_details(session: Session, skus: Sequence[Sku]) -> list[SkuOut]:
    ids = [s.id for s in skus]
    barcodes: dict[int, list[BarcodeOut]] = {}
    for b in session.execute(select(Barcode).where(Barcode.sku_id.in_(ids)).order_by(Barcode.id)).scalars():
        barcodes.setdefault(b.sku_id, []).append(BarcodeOut(barcode=b.barcode, unit_id=b.unit_id))
    levels: dict[tuple[int, int], list[LevelPriceOut]] = {}
    for lp in session.execute(
        select(SkuLevelPrice).where(SkuLevelPrice.sku_id.in_(ids)).order_by(SkuLevelPrice.price_level_id)
    ).scalars():
        levels.setdefault((lp.sku_id, lp.unit_id), []).append(
            LevelPriceOut(price_level_id=lp.price_level_id, price=lp.price)
        )
    prices: dict[int, list[PriceOut]] = {}
    for pr in session.execute(
        select(SkuPrice).where(SkuPrice.sku_id.in_(ids)).order_by(SkuPrice.id)
    ).scalars():
        prices.setdefault(pr.sku_id, []).append(
            PriceOut(
                unit_id=pr.unit_id,
                retail_price=pr.retail_price,
                wholesale_price=pr.wholesale_price,
                min_price=pr.min_price,
                purchase_price=pr.purchase_price,
                level_prices=levels.get((pr.sku_id, pr.unit_id), []),
            )
        )
    limits: dict[int, list[StockLimitOut]] = {}
    for lim in session.execute(
        select(SkuStockLimit).where(SkuStockLimit.sku_id.in_(ids)).order_by(SkuStockLimit.warehouse_id)
    ).scalars():
        limits.setdefault(lim.sku_id, []).append(
            StockLimitOut(warehouse_id=lim.warehouse_id, min_qty=lim.min_qty, max_qty=lim.max_qty)
        )
    return [
        SkuOut(
            id=s.id,
            code=s.code,
            attributes=dict(s.attributes or {}),
            attributes_text=s.attributes_text,
            is_active=s.is_active,
            barcodes=barcodes.get(s.id, []),
            prices=prices.get(s.id, []),
            stock_limits=limits.get(s.id, []),
        )
        for s in skus
    ]


def list_products(
    session: Session,
    params: ListParams,
    category_id: int | None = None,
    include_children: bool = True,
    is_active: bool | None = None,
    limit: int | None = None,
) -> tuple[list[ProductListItem], int]:
    rows, total = filtered(session, params, category_id, include_children, is_active, limit)
    return _list_items(session, rows), total


def filtered(
    session: Session,
    params: ListParams,
    category_id: int | None = None,
    include_children: bool = True,
    is_active: bool | None = None,
    limit: int | None = None,
) -> tuple[list[Product], int]:
    """The products a list shows (one page, or up to `limit` for an export)."""
    stmt = select(Product)
    if params.q:
        stmt = stmt.where(contains(Product.search_text, params.q, _dialect(session)))
    if category_id is not None:
        ids = descendants(session, category_id) if include_children else {category_id}
        stmt = stmt.where(Product.category_id.in_(sorted(ids)))
    if is_active is not None:
        stmt = stmt.where(Product.is_active.is_(is_active))
    return paginate(session, stmt, params, params.order_by(PRODUCT_SORTS, [Product.id.desc()]), limit)


def _list_items(session: Session, products: Sequence[Product]) -> list[ProductListItem]:
    if not products:
        return []
    ids = [p.id for p in products]
    units = _units(session)
    categories = dict(session.execute(select(Category.id, Category.name)).all())
    first_sku: dict[int, int] = {}
    counts: dict[int, int] = {}
    for sku_id, product_id in session.execute(
        select(Sku.id, Sku.product_id).where(Sku.product_id.in_(ids)).order_by(Sku.id)
    ).all():
        first_sku.setdefault(product_id, sku_id)
        counts[product_id] = counts.get(product_id, 0) + 1
    codes: dict[int, list[str]] = {}
    for product_id, barcode in session.execute(
        select(Sku.product_id, Barcode.barcode)
        .join(Barcode, Barcode.sku_id == Sku.id)
        .where(Sku.product_id.in_(ids))
        .order_by(Barcode.id)
    ).all():
        codes.setdefault(product_id, []).append(barcode)
    base_prices = {
        (pr.sku_id, pr.unit_id): pr
        for pr in session.execute(
            select(SkuPrice).where(SkuPrice.sku_id.in_(list(first_sku.values())))
        ).scalars()
    }
    out = []
    for p in products:
        price = base_prices.get((first_sku.get(p.id, 0), p.base_unit_id))
        out.append(
            ProductListItem(
                id=p.id,
                code=p.code,
                name=p.name,
                spec=p.spec,
                model=p.model,
                brand=p.brand,
                category_id=p.category_id,
                category_name=categories.get(p.category_id) if p.category_id else None,
                base_unit_name=units[p.base_unit_id].name,
                mnemonic=p.mnemonic,
                barcodes=codes.get(p.id, [])[:5],
                retail_price=price.retail_price if price else None,
                wholesale_price=price.wholesale_price if price else None,
                purchase_price=price.purchase_price if price else None,
                sku_count=counts.get(p.id, 0),
                tracking=p.tracking,
                is_active=p.is_active,
            )
        )
    return out


def list_skus(
    session: Session, params: ListParams, category_id: int | None = None
) -> tuple[list[SkuPick], int]:
    stmt = (
        select(Sku)
        .join(Product, Product.id == Sku.product_id)
        .where(Sku.is_active.is_(True), Product.is_active.is_(True))
    )
    if params.q:
        stmt = stmt.where(contains(Sku.search_text, params.q, _dialect(session)))
    if category_id is not None:
        stmt = stmt.where(Product.category_id.in_(sorted(descendants(session, category_id))))
    rows, total = paginate(session, stmt, params, params.order_by(SKU_SORTS, [Sku.code]))
    return picks(session, rows), total


def picks(session: Session, skus: Sequence[Sku]) -> list[SkuPick]:
    if not skus:
        return []
    units = _units(session)
    product_ids = sorted({s.product_id for s in skus})
    products = {
        p.id: p for p in session.execute(select(Product).where(Product.id.in_(product_ids))).scalars()
    }
    extra: dict[int, list[ProductUnit]] = {}
    for pu in session.execute(
        select(ProductUnit).where(ProductUnit.product_id.in_(product_ids)).order_by(ProductUnit.ratio)
    ).scalars():
        extra.setdefault(pu.product_id, []).append(pu)
    ids = [s.id for s in skus]
    first_code: dict[int, str] = {}
    for sku_id, code in session.execute(
        select(Barcode.sku_id, Barcode.barcode).where(Barcode.sku_id.in_(ids)).order_by(Barcode.id)
    ).all():
        first_code.setdefault(sku_id, code)
    prices = {
        (pr.sku_id, pr.unit_id): pr
        for pr in session.execute(select(SkuPrice).where(SkuPrice.sku_id.in_(ids))).scalars()
    }
    out = []
    for s in skus:
        p = products[s.product_id]
        base = units[p.base_unit_id]
        price = prices.get((s.id, p.base_unit_id))
        out.append(
            SkuPick(
                sku_id=s.id,
                product_id=p.id,
                code=s.code,
                name=p.name,
                spec=p.spec,
                model=p.model,
                attributes_text=s.attributes_text,
                base_unit_id=base.id,
                base_unit_name=base.name,
                units=[UnitRef(unit_id=base.id, name=base.name, ratio=Decimal(1))]
                + [
                    UnitRef(unit_id=u.unit_id, name=units[u.unit_id].name, ratio=u.ratio)
                    for u in extra.get(p.id, [])
                ],
                barcode=first_code.get(s.id),
                retail_price=price.retail_price if price else None,
                wholesale_price=price.wholesale_price if price else None,
                min_price=price.min_price if price else None,
                purchase_price=price.purchase_price if price else None,
                tracking=p.tracking,
            )
        )
    return out


def by_barcode(session: Session, barcode: str) -> BarcodeHit:
    row = session.execute(select(Barcode).where(Barcode.barcode == barcode.strip())).scalar_one_or_none()
    if row is None:
        raise NotFound("barcode_not_found", barcode=barcode[:32])
    sku = session.execute(select(Sku).where(Sku.id == row.sku_id)).scalar_one()
    pick = picks(session, [sku])[0]
    ratio = next((u.ratio for u in pick.units if u.unit_id == row.unit_id), Decimal(1))
    return BarcodeHit(sku=pick, unit_id=row.unit_id, ratio=ratio)

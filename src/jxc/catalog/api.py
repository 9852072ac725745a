"""/api/v1 units, price-levels, categories, products, skus, pinyin."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from jxc.auth.deps import check, require
from jxc.auth.principal import Principal
from jxc.catalog import categories, dictionaries, excel, product_queries, products
from jxc.catalog.schemas import (
    BarcodeHit,
    CategoryCreate,
    CategoryNode,
    CategoryUpdate,
    PinyinRead,
    PriceLevelCreate,
    PriceLevelRead,
    PriceLevelUpdate,
    ProductListItem,
    ProductRead,
    ProductUpdate,
    ProductWrite,
    SkuPick,
    UnitCreate,
    UnitRead,
    UnitUpdate,
)
from jxc.common.export import choose_columns, export_response
from jxc.common.i18n import t
from jxc.common.pagination import ListParams, Page
from jxc.common.pinyin import mnemonic
from jxc.common.route import TransactionalRoute, get_session

router = APIRouter(prefix="/api/v1", tags=["catalog"], route_class=TransactionalRoute)
VIEW = "catalog.product.view"
EXPORT_LIMIT = 100_000


# ---- units and price levels ------------------------------------------------------------------------------


@router.get("/units", response_model=list[UnitRead])
def list_units(
    _: Principal = Depends(require(VIEW)), session: Session = Depends(get_session)
) -> list[UnitRead]:
    return dictionaries.list_units(session)


@router.post("/units", response_model=UnitRead, status_code=201)
def create_unit(
    body: UnitCreate,
    _: Principal = Depends(require("catalog.unit.manage")),
    session: Session = Depends(get_session),
) -> UnitRead:
    return dictionaries.create_unit(session, body)


@router.patch("/units/{unit_id}", response_model=UnitRead)
def update_unit(
    unit_id: int,
    body: UnitUpdate,
    _: Principal = Depends(require("catalog.unit.manage")),
    session: Session = Depends(get_session),
) -> UnitRead:
    return dictionaries.update_unit(session, unit_id, body)


@router.delete("/units/{unit_id}", status_code=204)
def delete_unit(
    unit_id: int,
    _: Principal = Depends(require("catalog.unit.manage")),
    session: Session = Depends(get_session),
) -> Response:
    dictionaries.delete_unit(session, unit_id)
    return Response(status_code=204)


@router.get("/price-levels", response_model=list[PriceLevelRead])
def list_price_levels(
    _: Principal = Depends(require(VIEW)), session: Session = Depends(get_session)
) -> list[PriceLevelRead]:
    return dictionaries.list_price_levels(session)


@router.post("/price-levels", response_model=PriceLevelRead, status_code=201)
def create_price_level(
    body: PriceLevelCreate,
    _: Principal = Depends(require("catalog.price_level.manage")),
    session: Session = Depends(get_session),
) -> PriceLevelRead:
    return dictionaries.create_price_level(session, body)


@router.patch("/price-levels/{level_id}", response_model=PriceLevelRead)
def update_price_level(
    level_id: int,
    body: PriceLevelUpdate,
    _: Principal = Depends(require("catalog.price_level.manage")),
    session: Session = Depends(get_session),
) -> PriceLevelRead:
    return dictionaries.update_price_level(session, level_id, body)


@router.delete("/price-levels/{level_id}", status_code=204)
def delete_price_level(
    level_id: int,
    _: Principal = Depends(require("catalog.price_level.manage")),
    session: Session = Depends(get_session),
) -> Response:
    dictionaries.delete_price_level(session, level_id)
    return Response(status_code=204)


# ---- categories -------------------------------------------------------------------------------------------


@router.get("/categories", response_model=list[CategoryNode])
def category_tree(
    _: Principal = Depends(require(VIEW)), session: Session = Depends(get_session)
) -> list[CategoryNode]:
    return categories.tree(session)


@router.post("/categories", response_model=CategoryNode, status_code=201)
def create_category(
    body: CategoryCreate,
    _: Principal = Depends(require("catalog.category.manage")),
    session: Session = Depends(get_session),
) -> CategoryNode:
    return categories.create(session, body)


@router.patch("/categories/{category_id}", response_model=CategoryNode)
def update_category(
    category_id: int,
    body: CategoryUpdate,
    _: Principal = Depends(require("catalog.category.manage")),
    session: Session = Depends(get_session),
) -> CategoryNode:
    return categories.update(session, category_id, body)


@router.delete("/categories/{category_id}", status_code=204)
def delete_category(
    category_id: int,
    _: Principal = Depends(require("catalog.category.manage")),
    session: Session = Depends(get_session),
) -> Response:
    categories.delete(session, category_id)
    return Response(status_code=204)


# ---- products and SKUs ------------------------------------------------------------------------------------


@router.get("/products", response_model=Page[ProductListItem])
def list_products(
    request: Request,
    params: ListParams = Depends(),
    category_id: int | None = None,
    include_children: bool = True,
    is_active: bool | None = None,
    format: Literal["xlsx", "csv"] | None = None,
    columns: str | None = Query(default=None, max_length=500),
    principal: Principal = Depends(require(VIEW)),
    session: Session = Depends(get_session),
) -> Page[ProductListItem] | Response:
    if format:
        check(request, principal, "catalog.product.export")
        # The import's own columns, so an exported list re-imports unchanged.
        chosen = choose_columns(excel.COLUMNS, columns)
        found, _ = product_queries.filtered(
            session, params, category_id, include_children, is_active, EXPORT_LIMIT
        )
        return export_response(format, t("export.products"), chosen, excel.export_rows(session, found))
    items, total = product_queries.list_products(session, params, category_id, include_children, is_active)
    return Page[ProductListItem](items=items, total=total, page=params.page, page_size=params.page_size)


@router.post("/products", response_model=ProductRead, status_code=201)
def create_product(
    body: ProductWrite,
    _: Principal = Depends(require("catalog.product.create")),
    session: Session = Depends(get_session),
) -> ProductRead:
    return products.save(session, body)


@router.get("/products/{product_id}", response_model=ProductRead)
def get_product(
    product_id: int, _: Principal = Depends(require(VIEW)), session: Session = Depends(get_session)
) -> ProductRead:
    return product_queries.get_product(session, product_id)


@router.put("/products/{product_id}", response_model=ProductRead)
def update_product(
    product_id: int,
    body: ProductUpdate,
    _: Principal = Depends(require("catalog.product.edit")),
    session: Session = Depends(get_session),
) -> ProductRead:
    return products.save(session, body, product_id)


@router.delete("/products/{product_id}", status_code=204)
def delete_product(
    product_id: int,
    _: Principal = Depends(require("catalog.product.delete")),
    session: Session = Depends(get_session),
) -> Response:
    products.delete_product(session, product_id)
    return Response(status_code=204)


@router.get("/skus", response_model=Page[SkuPick])
def list_skus(
    params: ListParams = Depends(),
    category_id: int | None = None,
    _: Principal = Depends(require(VIEW)),
    session: Session = Depends(get_session),
) -> Page[SkuPick]:
    items, total = product_queries.list_skus(session, params, category_id)
    return Page[SkuPick](items=items, total=total, page=params.page, page_size=params.page_size)


@router.get("/skus/by-barcode/{barcode}", response_model=BarcodeHit)
def sku_by_barcode(
    barcode: str, _: Principal = Depends(require(VIEW)), session: Session = Depends(get_session)
) -> BarcodeHit:
    return product_queries.by_barcode(session, barcode)


@router.get("/pinyin", response_model=PinyinRead)
def pinyin_of(text: str = Query(max_length=120), _: Principal = Depends(require(VIEW))) -> PinyinRead:
    m = mnemonic(text)
    return PinyinRead(initials=[m.initials, *m.alternatives] if m.initials else [], full=m.full)

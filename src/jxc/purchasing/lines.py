"""Purchase document lines: checked against the catalogue (inventory.lines), priced (the supplier's last
price, then the reference purchase price) and their amounts computed once, at save, rounded per line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.catalog.models import SkuPrice
from jxc.common.errors import Invalid, field_error
from jxc.inventory.costing import money
from jxc.inventory.lines import check_lines
from jxc.purchasing.models import PurchaseDoc, PurchaseDocLine
from jxc.purchasing.schemas import PurchaseDocWrite, PurchaseLineWrite

ZERO = Decimal(0)
PRICE_STEP = Decimal("0.000001")
HUNDRED = Decimal(100)
POSTED = ("approved", "closed")


@dataclass(frozen=True)
class Amounts:
    net_price: Decimal
    amount: Decimal
    tax_amount: Decimal
    total: Decimal


def amounts(qty: Decimal, price: Decimal, discount_rate: Decimal, tax_rate: Decimal) -> Amounts:
    """The line's money, each figure rounded half-up once (net price to 6 places, amounts to the fen)."""
    net = (price * (HUNDRED - discount_rate) / HUNDRED).quantize(PRICE_STEP, ROUND_HALF_UP)
    amount = money(qty * net)
    tax = money(amount * tax_rate / HUNDRED)
    return Amounts(net, amount, tax, amount + tax)


@dataclass(frozen=True)
class PriceDefault:
    price: Decimal | None
    source: str  # last | reference | none
    last_date: date | None = None
    last_number: str | None = None


def price_default(session: Session, supplier_id: int, sku_id: int, unit_id: int) -> PriceDefault:
    """This supplier's last price for the SKU in that unit (receipts before orders), else the product's
    reference purchase price for the unit."""
    for kind in ("receipt", "order"):
        row = session.execute(
            select(PurchaseDocLine.price, PurchaseDoc.business_date, PurchaseDoc.number)
            .join(PurchaseDoc, PurchaseDoc.id == PurchaseDocLine.doc_id)
            .where(
                PurchaseDoc.kind == kind,
                PurchaseDoc.status.in_(POSTED),
                PurchaseDoc.supplier_id == supplier_id,
                PurchaseDocLine.sku_id == sku_id,
                PurchaseDocLine.unit_id == unit_id,
            )
            .order_by(PurchaseDoc.business_date.desc(), PurchaseDocLine.id.desc())
            .limit(1)
        ).first()
        if row is not None:
            return PriceDefault(row[0], "last", row[1], row[2])
    ref = session.execute(
        select(SkuPrice.purchase_price).where(SkuPrice.sku_id == sku_id, SkuPrice.unit_id == unit_id)
    ).scalar_one_or_none()
    return PriceDefault(ref, "reference") if ref is not None else PriceDefault(None, "none")


def _source_lines(session: Session, ids: set[int]) -> dict[int, tuple[PurchaseDocLine, PurchaseDoc]]:
    if not ids:
        return {}
    rows = session.execute(
        select(PurchaseDocLine, PurchaseDoc)
        .join(PurchaseDoc, PurchaseDoc.id == PurchaseDocLine.doc_id)
        .where(PurchaseDocLine.id.in_(ids))
    ).all()
    return {ln.id: (ln, doc) for ln, doc in rows}


SOURCE_KIND = {"receipt": "order", "return": "receipt"}
SOURCE_ERROR = {"receipt": "order_line_invalid", "return": "receipt_line_invalid"}


def build_lines(session: Session, kind: str, body: PurchaseDocWrite) -> list[PurchaseDocLine]:
    """The checked, priced lines of a document (not yet added); every problem of every line in one 422."""
    checked = check_lines(session, [(ln.sku_id, ln.unit_id, ln.qty) for ln in body.lines])
    rejected = (
        check_lines(session, [(ln.sku_id, ln.unit_id, ln.rejected_qty) for ln in body.lines])
        if kind == "receipt"
        else None
    )
    sources = _source_lines(session, {ln.source_line_id for ln in body.lines if ln.source_line_id})
    errors = []
    out = []
    for i, (ln, c) in enumerate(zip(body.lines, checked, strict=True)):
        errors += _line_errors(kind, body, i, ln, c.info.is_active, sources)
        tracked = c.info.tracking == "lot"
        lot_no = ln.lot_no.strip() if tracked else ""
        if kind == "return" and ln.source_line_id in sources:
            lot_no = sources[ln.source_line_id][0].lot_no  # stock goes back out of the lot it came in
        price = ln.price
        if price is None:
            price = price_default(session, body.supplier_id, ln.sku_id, ln.unit_id).price or ZERO
        figures = amounts(ln.qty, price, ln.discount_rate, ln.tax_rate)
        out.append(
            PurchaseDocLine(
                line_no=i + 1,
                sku_id=ln.sku_id,
                unit_id=ln.unit_id,
                qty=ln.qty,
                rejected_qty=ln.rejected_qty if kind == "receipt" else ZERO,
                ratio=c.ratio,
                base_qty=c.base_qty,
                rejected_base_qty=rejected[i].base_qty if rejected else ZERO,
                price=price,
                discount_rate=ln.discount_rate,
                tax_rate=ln.tax_rate,
                net_price=figures.net_price,
                amount=figures.amount,
                tax_amount=figures.tax_amount,
                total=figures.total,
                lot_no=lot_no,
                production_date=ln.production_date if tracked and kind == "receipt" else None,
                expiry_date=ln.expiry_date if tracked and kind == "receipt" else None,
                source_line_id=ln.source_line_id if kind != "order" else None,
                remark=ln.remark,
            )
        )
    if errors:
        raise Invalid("invalid_lines", errors=errors)
    return out


def _line_errors(
    kind: str,
    body: PurchaseDocWrite,
    i: int,
    ln: PurchaseLineWrite,
    active: bool,
    sources: dict[int, tuple[PurchaseDocLine, PurchaseDoc]],
) -> list[dict[str, str]]:
    errors = []
    if not active:
        errors.append(field_error(f"lines.{i}.sku_id", "sku_inactive"))
    if (kind == "receipt" and ln.qty + ln.rejected_qty <= 0) or (kind != "receipt" and ln.qty <= 0):
        errors.append(field_error(f"lines.{i}.qty", "qty_positive"))
    if ln.source_line_id is not None and kind in SOURCE_KIND:
        found = sources.get(ln.source_line_id)
        if (
            found is None
            or found[1].kind != SOURCE_KIND[kind]
            or found[1].status != "approved"
            or found[1].supplier_id != body.supplier_id
            or found[0].sku_id != ln.sku_id
        ):
            errors.append(field_error(f"lines.{i}.source_line_id", SOURCE_ERROR[kind]))
    return errors


def totals(doc: PurchaseDoc, lines: list[PurchaseDocLine]) -> None:
    doc.total_qty = sum((ln.base_qty for ln in lines), ZERO)
    doc.rejected_qty = sum((ln.rejected_base_qty for ln in lines), ZERO)
    doc.amount = sum((ln.amount for ln in lines), ZERO)
    doc.tax_amount = sum((ln.tax_amount for ln in lines), ZERO)
    doc.total_amount = sum((ln.total for ln in lines), ZERO)

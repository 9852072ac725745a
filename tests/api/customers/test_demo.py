"""`jxc demo` sales: a year of documents of every kind, posted through the services, never selling stock that
was not there on its date, with slow movers left for the 清仓 screen — and the ledgers still verify."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from jxc import bootstrap
from jxc.catalog.models import Product, Sku
from jxc.common.clock import today
from jxc.db.engine import Database
from jxc.finance.integrity import problems as money_problems
from jxc.inventory.integrity import problems as stock_problems
from jxc.inventory.stock_models import StockBalance, StockMove
from jxc.sales.models import SalesChannel, SalesDoc, SalesDocLine
from tests.helpers import company_id


def test_a_year_of_sales(seeded: Database):
    added = bootstrap.demo(seeded)
    assert any("销售单据" in line for line in added), added
    with seeded.transaction(writer=False, company_id=company_id(seeded)) as s:
        kinds = dict(s.execute(select(SalesDoc.kind, func.count()).group_by(SalesDoc.kind)).all())
        assert set(kinds) == {"order", "delivery", "return", "retail", "retail_return"}
        assert kinds["retail"] > 100
        assert kinds["order"] > 40
        states = set(s.execute(select(SalesDoc.deliver_status).where(SalesDoc.kind == "order")).scalars())
        assert {"full", "partial", "closed"} <= states
        first = s.execute(select(func.min(SalesDoc.business_date))).scalar_one()
        assert first <= today() - timedelta(days=300)
        # Never sold what was not there: no running balance below zero at any date.
        assert s.execute(select(func.count()).where(StockMove.balance_qty < 0)).scalar_one() == 0
        # A slow mover: in stock, nothing sold for 150 days.
        oil = s.execute(
            select(Sku.id).join(Product, Product.id == Sku.product_id).where(Product.name.like("鲁花%"))
        ).scalar_one()
        last = s.execute(
            select(func.max(SalesDoc.business_date))
            .join(SalesDocLine, SalesDocLine.doc_id == SalesDoc.id)
            .where(SalesDocLine.sku_id == oil, SalesDoc.kind.in_(("delivery", "retail")))
        ).scalar_one()
        assert last is None or last < today() - timedelta(days=150)
        assert (
            s.execute(select(func.sum(StockBalance.on_hand)).where(StockBalance.sku_id == oil)).scalar_one()
            > 0
        )
        assert s.execute(select(func.count()).select_from(SalesChannel)).scalar_one() == 4
        assert stock_problems(s) + money_problems(s) == []
    # Idempotent.
    assert not any("销售单据" in line for line in bootstrap.demo(seeded))

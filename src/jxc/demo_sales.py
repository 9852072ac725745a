"""`jxc demo` sales: a year of wholesale orders and deliveries (some delivered in part, one closed short, a
few backorders still open), returns, monthly 回款, store replenishment and retail tickets paid in cash, WeChat
and Alipay — with summer drinks and Spring Festival sweets selling more in season and a few products that have
not sold for months (清仓 candidates). Everything goes through the services, so stock, reservations,
receivables, costs, profit and the audit trail look as if the shop had worked a year.

Stock is only sold where it was on its date and stays so afterwards: the loader keeps its own dated view of
the stock ledger (what is already posted plus what it plans) and trims each line to it."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jxc.auth.models import User
from jxc.catalog.models import Category, Product, Sku, SkuPrice
from jxc.common.clock import today
from jxc.common.errors import DomainError
from jxc.finance import documents as money_docs
from jxc.finance.doc_schemas import MoneyDocWrite
from jxc.finance.ledger_models import PartnerEntry
from jxc.finance.models import Account
from jxc.inventory import documents as stock_docs
from jxc.inventory.doc_schemas import StockDocWrite
from jxc.inventory.models import Warehouse
from jxc.inventory.stock_models import StockMove
from jxc.partners.models import Partner
from jxc.partners.schemas import PartnerUpdate
from jxc.partners.service import update_partner
from jxc.purchasing import documents as purchase_docs
from jxc.purchasing.schemas import PurchaseDocWrite
from jxc.sales import documents
from jxc.sales.customers.channels import seed_channels
from jxc.sales.models import SalesChannel, SalesDoc
from jxc.sales.retail import returns as retail_returns
from jxc.sales.retail import tickets
from jxc.sales.retail.schemas import ReturnWrite, TicketWrite
from jxc.sales.schemas import SalesDocRead, SalesDocWrite

T = TypeVar("T")
DAYS = 360
CENT = Decimal("0.01")
ZERO = Decimal(0)
TAX = Decimal(13)
STORE_LEVEL = Decimal(16)  # each month the stores are topped up to this many of each product
RESTOCK = Decimal(90)  # the main warehouse keeps about this many of each product (× the season)
DRINKS = {"碳酸饮料", "矿泉水", "茶饮料"}
FESTIVE = {"糖果", "饼干"}
# Demand by month: drinks peak in summer, sweets and biscuits before the Spring Festival.
SEASON = {
    "drink": [0.6, 0.6, 0.8, 1.0, 1.3, 1.7, 2.0, 1.9, 1.3, 1.0, 0.8, 0.7],
    "festive": [2.0, 1.8, 0.8, 0.7, 0.7, 0.6, 0.6, 0.7, 0.9, 1.0, 1.2, 1.6],
    "staple": [1.4, 1.2, 1.0, 1.0, 1.0, 0.9, 0.9, 1.0, 1.0, 1.1, 1.0, 1.2],
}
# Slow movers: nothing sold in the last `days` (the 清仓 screen finds them).
SLOW = {"鲁花花生油": 150, "旺旺雪饼": 120}


@dataclass(frozen=True)
class Item:
    sku_id: int
    unit_id: int
    name: str
    retail: Decimal
    wholesale: Decimal
    season: str
    stop_days: int  # no sale in the last this many days (0: sells to the end)
    supplier_id: int | None
    cost: Decimal

    def demand(self, day: date) -> Decimal:
        return Decimal(str(SEASON[self.season][day.month - 1]))


class Stock:
    """On hand per SKU × warehouse by date, as the ledger has it plus what this loader plans. An outbound of
    q on day d fits when the running quantity from d onwards never drops below q."""

    def __init__(self, session: Session, sku_ids: list[int]) -> None:
        self.deltas: dict[tuple[int, int], dict[date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        rows = session.execute(
            select(StockMove.sku_id, StockMove.warehouse_id, StockMove.business_date, func.sum(StockMove.qty))
            .where(StockMove.sku_id.in_(sku_ids))
            .group_by(StockMove.sku_id, StockMove.warehouse_id, StockMove.business_date)
        ).all()
        for sku, wh, day, qty in rows:
            self.deltas[(sku, wh)][day] += Decimal(qty)

    def on(self, sku: int, wh: int, day: date) -> Decimal:
        return sum((q for d, q in self.deltas[(sku, wh)].items() if d <= day), ZERO)

    def free(self, sku: int, wh: int, day: date) -> Decimal:
        dated = self.deltas[(sku, wh)]
        running = self.on(sku, wh, day)
        low = running
        for d in sorted(d for d in dated if d > day):
            running += dated[d]
            low = min(low, running)
        return max(low, ZERO)

    def move(self, sku: int, wh: int, day: date, qty: Decimal) -> None:
        self.deltas[(sku, wh)][day] += qty


@dataclass(frozen=True)
class Line:
    sku_id: int
    unit_id: int
    qty: Decimal
    price: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return (self.qty * self.price).quantize(CENT, ROUND_HALF_UP)

    def body(self, **extra: Any) -> dict[str, Any]:
        return {"sku_id": self.sku_id, "unit_id": self.unit_id, "qty": self.qty, **extra}


@dataclass
class Plan:
    """What is due on a later day: the rest of an order, a return of a delivery line."""

    day: date
    kind: str
    doc: SalesDocRead
    qty: dict[int, Decimal]  # line id → qty
    close: bool = False


class Loader:
    def __init__(
        self, session: Session, whs: dict[str, int], customers: list[Partner], items: list[Item]
    ) -> None:
        self.s = session
        self.whs = whs
        self.customers = customers
        self.items = items
        self.stock = Stock(session, [i.sku_id for i in items])
        self.rng = random.Random(20261124)
        self.now = today()
        self.plans: list[Plan] = []
        self.count: dict[str, int] = defaultdict(int)
        self.skipped = 0
        accounts = {a.code: a.id for a in session.execute(select(Account)).scalars()}
        self.cash = accounts.get("XJ")
        self.bank = accounts.get("YH01", self.cash)
        self.mobile = [a for a in (accounts.get("WX"), accounts.get("ZFB")) if a is not None]
        channels = {c.name: c.id for c in session.execute(select(SalesChannel)).scalars()}
        self.channel = channels
        self.tickets: list[Any] = []

    def attempt(self, fn: Callable[[], T]) -> T | None:
        """One document in a savepoint: a rule the plan did not foresee skips that document only."""
        try:
            with self.s.begin_nested():
                return fn()
        except DomainError:
            self.skipped += 1
            return None

    def sellable(self, day: date, store: bool) -> list[Item]:
        left = (self.now - day).days
        pool = self.items[:8] if store else self.items
        return [i for i in pool if not i.stop_days or left > i.stop_days + 20]  # deliveries lag orders

    # 采购补货: the main warehouse buys for the season ahead on the first of the month (slow movers excepted).
    def restock(self, day: date) -> None:
        wh = self.whs["WH01"]
        per_supplier: dict[int, list[Line]] = defaultdict(list)
        for it in self.items:
            if it.stop_days or it.supplier_id is None:
                continue
            target = (RESTOCK * it.demand(day)).to_integral_value(ROUND_HALF_UP)
            have = self.stock.on(it.sku_id, wh, day)
            if have < target / 2:
                per_supplier[it.supplier_id].append(Line(it.sku_id, it.unit_id, target - have, it.cost))
        for supplier, lines in per_supplier.items():
            body = PurchaseDocWrite.model_validate(
                {
                    "business_date": day,
                    "supplier_id": supplier,
                    "warehouse_id": wh,
                    "remark": "旺季备货" if len(lines) > 3 else "补货",
                    "lines": [ln.body(price=ln.price, tax_rate=TAX) for ln in lines],
                }
            )

            def post(body: PurchaseDocWrite = body) -> bool:
                doc = purchase_docs.create(self.s, "receipt", body)
                purchase_docs.approve(self.s, "receipt", doc.id)
                return True

            if self.attempt(post):
                self.count["purchase"] += 1
                for ln in lines:
                    self.stock.move(ln.sku_id, wh, day, ln.qty)

    # 门店补货: WH01 → each store on the first of the month.
    def replenish(self, day: date) -> None:
        for code in ("ST01", "ST02"):
            store = self.whs.get(code)
            if store is None:
                continue
            lines = []
            for it in self.items[:8]:
                want = STORE_LEVEL - self.stock.on(it.sku_id, store, day)
                qty = min(want, self.stock.free(it.sku_id, self.whs["WH01"], day)).to_integral_value()
                if qty >= 1:
                    lines.append(Line(it.sku_id, it.unit_id, qty))
            if not lines:
                continue
            body = {
                "business_date": day,
                "warehouse_id": self.whs["WH01"],
                "to_warehouse_id": store,
                "remark": "门店月初补货",
                "lines": [ln.body() for ln in lines],
            }

            def post(body: dict[str, Any] = body) -> bool:
                doc = stock_docs.create(self.s, "transfer", StockDocWrite.model_validate(body))
                stock_docs.approve(self.s, "transfer", doc.id)
                return True

            if self.attempt(post):
                for ln in lines:
                    self.stock.move(ln.sku_id, self.whs["WH01"], day, -ln.qty)
                    self.stock.move(ln.sku_id, store, day, ln.qty)
                self.count["transfer"] += 1

    # 批发: an order every four weeks per customer, delivered a few days later.
    def order(self, day: date, n: int, customer: Partner) -> None:
        wh = self.whs["WH01"]
        pool = self.sellable(day, store=False)
        picked = self.rng.sample(pool, k=min(3, len(pool)))
        lines = []
        for it in picked:
            want = (Decimal(self.rng.randint(6, 18)) * it.demand(day)).to_integral_value(ROUND_HALF_UP)
            qty = min(want, self.stock.free(it.sku_id, wh, day)).to_integral_value()
            if qty >= 1:
                lines.append(Line(it.sku_id, it.unit_id, qty, it.wholesale))
        if not lines:
            return
        channel = self.channel.get("分销" if n == 4 else "线上商城" if n == 2 else "批发")
        body = SalesDocWrite.model_validate(
            {
                "business_date": day,
                "customer_id": customer.id,
                "warehouse_id": wh,
                "channel_id": channel,
                "expected_date": day + timedelta(days=3),
                "lines": [ln.body(price=ln.price, tax_rate=TAX) for ln in lines],
            }
        )

        def post() -> SalesDocRead:
            doc = documents.create(self.s, "order", body)
            return documents.approve(self.s, "order", doc.id)

        order = self.attempt(post)
        if order is None:
            return
        self.count["order"] += 1
        for ln in lines:
            self.stock.move(ln.sku_id, wh, day, -ln.qty)
        full = {ln.id: ln.qty for ln in order.lines}
        age = (self.now - day).days
        first = day + timedelta(days=self.rng.randint(1, 4))
        if age <= 6:
            return  # just ordered: 未出库
        if age <= 25 or self.count["order"] % 6 == 0:
            # 部分出库: half now, the rest later — or left open (欠货), or closed short once.
            half = {k: (q / 2).to_integral_value(ROUND_CEILING) for k, q in full.items()}
            rest = {k: full[k] - half[k] for k in full if full[k] > half[k]}
            self.plans.append(Plan(first, "delivery", order, half))
            if age > 25 and rest:
                close = self.count["order"] % 12 == 0
                self.plans.append(Plan(day + timedelta(days=15), "delivery", order, rest, close=close))
            return
        self.plans.append(Plan(first, "delivery", order, full))

    def deliver(self, plan: Plan) -> None:
        order = plan.doc
        if plan.close:
            if self.attempt(lambda: documents.close(self.s, "order", order.id)) is not None:
                self.count["close"] += 1
            return
        lines = [
            {
                "sku_id": ln.sku_id,
                "unit_id": ln.unit_id,
                "qty": plan.qty[ln.id],
                "price": ln.price,
                "tax_rate": ln.tax_rate,
                "source_line_id": ln.id,
            }
            for ln in order.lines
            if ln.id in plan.qty
        ]
        total = sum(
            (Line(0, 0, plan.qty[ln.id], ln.price).total for ln in order.lines if ln.id in plan.qty), ZERO
        )
        # The convenience store pays on delivery (本次收款); the others are billed.
        cod = order.customer_id == self.customers[2].id if len(self.customers) > 2 else False
        body = SalesDocWrite.model_validate(
            {
                "business_date": plan.day,
                "customer_id": order.customer_id,
                "warehouse_id": order.warehouse_id,
                "channel_id": order.channel_id,
                "lines": lines,
                "paid_amount": total if cod and self.bank else ZERO,
                "account_id": self.bank if cod else None,
            }
        )

        def post() -> SalesDocRead:
            doc = documents.create(self.s, "delivery", body)
            return documents.approve(self.s, "delivery", doc.id)

        delivery = self.attempt(post)
        if delivery is None:
            return
        self.count["delivery"] += 1
        if self.count["delivery"] % 5 == 0 and (self.now - plan.day).days > 8:
            first = delivery.lines[0]
            back = min(first.qty, Decimal(self.rng.randint(1, 3)))
            self.plans.append(Plan(plan.day + timedelta(days=4), "return", delivery, {first.id: back}))

    def give_back(self, plan: Plan) -> None:
        delivery = plan.doc
        lines = [
            {
                "sku_id": ln.sku_id,
                "unit_id": ln.unit_id,
                "qty": plan.qty[ln.id],
                "price": ln.price,
                "tax_rate": ln.tax_rate,
                "source_line_id": ln.id,
                "remark": "包装破损",
            }
            for ln in delivery.lines
            if ln.id in plan.qty
        ]
        body = SalesDocWrite.model_validate(
            {
                "business_date": plan.day,
                "customer_id": delivery.customer_id,
                "warehouse_id": delivery.warehouse_id,
                "remark": "客户退货",
                "lines": lines,
            }
        )

        def post() -> SalesDocRead:
            doc = documents.create(self.s, "return", body)
            return documents.approve(self.s, "return", doc.id)

        if self.attempt(post) is not None:
            self.count["return"] += 1

    # 零售: tickets at each store, more in season.
    def retail(self, day: date, code: str, member: Partner | None) -> None:
        store = self.whs.get(code)
        if store is None:
            return
        pool = self.sellable(day, store=True)
        lines = []
        for it in self.rng.sample(pool, k=min(self.rng.randint(1, 3), len(pool))):
            want = (Decimal(self.rng.randint(1, 3)) * it.demand(day)).to_integral_value(ROUND_HALF_UP)
            qty = min(max(want, Decimal(1)), self.stock.free(it.sku_id, store, day)).to_integral_value()
            if qty >= 1:
                lines.append(Line(it.sku_id, it.unit_id, qty, it.retail))
        if not lines or self.cash is None:
            return
        due = sum((ln.total for ln in lines), ZERO)
        k = self.count["retail"]
        if k % 3 == 0 or not self.mobile:
            cash = (due / 10).to_integral_value(ROUND_CEILING) * 10
            payments = [{"account_id": self.cash, "amount": cash if cash > due else due + 10}]
        else:
            payments = [{"account_id": self.mobile[k % len(self.mobile)], "amount": due}]
        body: dict[str, Any] = {
            "warehouse_id": store,
            "customer_id": member.id if member is not None and k % 7 == 0 else None,
            "channel_id": self.channel.get("门店"),
            "business_date": day,
            "lines": [ln.body(price=ln.price) for ln in lines],
            "payments": payments,
        }
        ticket = self.attempt(lambda: tickets.sell(self.s, TicketWrite.model_validate(body)))
        if ticket is None:
            # A promotion changed the price: pay in cash, generously.
            body["payments"] = [{"account_id": self.cash, "amount": (due * 2 + 10).quantize(CENT)}]
            ticket = self.attempt(lambda: tickets.sell(self.s, TicketWrite.model_validate(body)))
        if ticket is None:
            return
        self.count["retail"] += 1
        for ln in lines:
            self.stock.move(ln.sku_id, store, day, -ln.qty)
        self.tickets.append(ticket)

    def retail_return(self, day: date) -> None:
        if not self.tickets or self.cash is None:
            return
        ticket = self.tickets[-1]
        line = ticket.lines[0]
        body = ReturnWrite.model_validate(
            {
                "ticket_id": ticket.id,
                "business_date": day,
                "lines": [{"source_line_id": line.id, "qty": line.qty}],
                "payments": [{"account_id": self.cash, "amount": line.total}],
                "remark": "顾客退货",
            }
        )
        if self.attempt(lambda: retail_returns.create(self.s, body)) is not None:
            self.count["retail_return"] += 1
        self.tickets.clear()

    # 回款: at the end of each month customers pay what is older than their habit allows.
    def collect(self, day: date) -> None:
        if self.bank is None:
            return
        for n, c in enumerate(self.customers):
            lag = 75 if n == 4 else 20  # the last customer pays late: its receivables run overdue
            owed = self.s.execute(
                select(func.coalesce(func.sum(PartnerEntry.open_amount), 0)).where(
                    PartnerEntry.partner_id == c.id,
                    PartnerEntry.side == "ar",
                    PartnerEntry.open_amount > 0,
                    PartnerEntry.business_date <= day - timedelta(days=lag),
                )
            ).scalar_one()
            amount = Decimal(owed).quantize(CENT)
            if amount <= 0:
                continue
            body = MoneyDocWrite.model_validate(
                {
                    "business_date": day,
                    "partner_id": c.id,
                    "account_id": self.bank,
                    "amount": amount,
                    "remark": "月末回款",
                }
            )

            def post(body: MoneyDocWrite = body) -> bool:
                doc = money_docs.create(self.s, "receipt", body)
                money_docs.approve(self.s, "receipt", doc.id)
                return True

            if self.attempt(post):
                self.count["receipt"] += 1

    def run(self) -> None:
        start = self.now - timedelta(days=DAYS)
        member = self.customers[3] if len(self.customers) > 3 else None
        for offset in range(DAYS):
            day = start + timedelta(days=offset)
            if day.day == 1 or offset == 0:
                self.restock(day)
                self.replenish(day)
            for n, c in enumerate(self.customers):
                if (offset + 6 * n) % 28 == 0:
                    self.order(day, n, c)
            for plan in [p for p in self.plans if p.day == day]:
                self.plans.remove(plan)
                if plan.kind == "delivery":
                    self.deliver(plan)
                else:
                    self.give_back(plan)
            for i, code in enumerate(("ST01", "ST02")):
                if (offset + 2 * i) % 5 == 0:
                    busy = 2 if self.items and self.items[0].demand(day) >= Decimal("1.7") else 1
                    for _ in range(busy):
                        self.retail(day, code, member)
            if offset % 45 == 20:
                self.retail_return(day)
            if day.day == 28:
                self.collect(day)


def _items(session: Session) -> list[Item]:
    """Untracked single-SKU goods with a retail price: drinks first (the stores carry the first eight)."""
    rows = session.execute(
        select(
            Sku.id,
            Product.base_unit_id,
            Product.name,
            Category.name,
            SkuPrice.retail_price,
            SkuPrice.wholesale_price,
            Product.default_supplier_id,
            SkuPrice.purchase_price,
        )
        .join(Product, Product.id == Sku.product_id)
        .join(Category, Category.id == Product.category_id)
        .join(SkuPrice, (SkuPrice.sku_id == Sku.id) & (SkuPrice.unit_id == Product.base_unit_id))
        .where(
            Sku.is_active.is_(True),
            Product.is_active.is_(True),
            Product.tracking == "none",
            Sku.attributes_text == "",
            SkuPrice.retail_price.is_not(None),
        )
        .order_by(Sku.id)
    ).all()
    out = []
    for sku_id, unit_id, name, category, retail, wholesale, supplier, cost in rows:
        season = "drink" if category in DRINKS else "festive" if category in FESTIVE else "staple"
        stop = next((days for key, days in SLOW.items() if key in name), 0)
        shelf = Decimal(retail or 0)
        price = Decimal(wholesale) if wholesale else shelf * Decimal("0.85")
        price = min(price.quantize(CENT, ROUND_HALF_UP), shelf)
        bought = Decimal(cost) if cost else (shelf * Decimal("0.6")).quantize(CENT, ROUND_HALF_UP)
        out.append(Item(sku_id, unit_id, name, shelf, price, season, stop, supplier, bought))
    return out


def _owners(session: Session, customers: list[Partner]) -> None:
    """张三 looks after the first three customers (客户交接 has someone to hand over)."""
    zhangsan = session.execute(select(User.id).where(User.username == "zhangsan")).scalar_one_or_none()
    if zhangsan is None:
        return
    for c in customers[:3]:
        if c.salesperson_id is None:
            update_partner(session, c.id, PartnerUpdate(salesperson_id=zhangsan, version=c.version))


def load(session: Session) -> list[str]:
    """Idempotent: skipped when the company already has sales documents."""
    if session.execute(select(SalesDoc.id).limit(1)).first():
        return []
    seed_channels(session)
    whs = {w.code: w.id for w in session.execute(select(Warehouse)).scalars()}
    customers = list(
        session.execute(
            select(Partner)
            .where(Partner.is_customer.is_(True), Partner.is_active.is_(True), Partner.is_supplier.is_(False))
            .order_by(Partner.id)
        ).scalars()
    )[:5]
    items = _items(session)
    if "WH01" not in whs or not customers or not items:
        return []
    _owners(session, customers)
    loader = Loader(session, whs, customers, items)
    loader.run()
    c = loader.count
    text = (
        f"销售单据：订单 {c['order']} 张、出库 {c['delivery']} 张、退货 {c['return']} 张、"
        f"强制结单 {c['close']} 张；零售单 {c['retail']} 张、零售退货 {c['retail_return']} 张；"
        f"采购补货 {c['purchase']} 张、门店补货调拨 {c['transfer']} 张；回款 {c['receipt']} 张"
    )
    if loader.skipped:
        text += f"（跳过 {loader.skipped} 张）"
    return [text]

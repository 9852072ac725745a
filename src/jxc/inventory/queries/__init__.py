"""Read side of stock: 库存查询 (now or at any past date), availability per document line, lots (FEFO),
出入库流水 with running balance, 库存预警 and 效期. Every query honours the user's warehouse scope."""

from jxc.inventory.queries.balances import availability, on_hand, stock_balances, stock_totals
from jxc.inventory.queries.limit_alerts import alert_count, alerts
from jxc.inventory.queries.lots import expiry, lots_in_stock, suggest_lots
from jxc.inventory.queries.moves import stock_moves
from jxc.inventory.queries.schemas import (
    AlertCount,
    AlertRead,
    Availability,
    ExpiryRead,
    LotPick,
    LotStock,
    StockBalanceRead,
    StockMovePage,
    StockMoveRead,
    StockTotals,
)

__all__ = [
    "AlertCount",
    "AlertRead",
    "Availability",
    "ExpiryRead",
    "LotPick",
    "LotStock",
    "StockBalanceRead",
    "StockMovePage",
    "StockMoveRead",
    "StockTotals",
    "alert_count",
    "alerts",
    "availability",
    "expiry",
    "lots_in_stock",
    "on_hand",
    "stock_balances",
    "stock_moves",
    "stock_totals",
    "suggest_lots",
]

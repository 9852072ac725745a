"""Lifecycles of the inventory documents (DESIGN §5). A meta-test checks each table against its handlers."""

from __future__ import annotations

from jxc.common.lifecycle import STANDARD, Transitions

# Opening stock, other receipts/issues, transfers and stocktakes share the standard table:
# approve (draft → approved, posts), unapprove (approved → draft), reverse (approved → reversed), void.
STOCK_DOC: Transitions = STANDARD
STOCKTAKE: Transitions = Transitions({k: v for k, v in STANDARD.table.items() if k != "unapprove"})

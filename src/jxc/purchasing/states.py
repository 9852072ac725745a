"""Lifecycles of the purchase documents (DESIGN §5). A meta-test checks each table against its handlers."""

from __future__ import annotations

from jxc.common.lifecycle import APPROVED, CLOSED, DRAFT, STANDARD, VOID, Transitions

# An order posts nothing: approval makes its open quantity count as incoming; 强制结单 (close) stops that
# for what is left. It is never 红冲'd — an order that should not have been is closed or un-approved.
ORDER: Transitions = Transitions(
    {
        "approve": (frozenset({DRAFT}), APPROVED),
        "unapprove": (frozenset({APPROVED}), DRAFT),
        "void": (frozenset({DRAFT}), VOID),
        "close": (frozenset({APPROVED}), CLOSED),
    }
)
# Receipts and returns post stock and money: the standard table.
RECEIPT: Transitions = STANDARD
RETURN: Transitions = STANDARD
TRANSITIONS = {"order": ORDER, "receipt": RECEIPT, "return": RETURN}

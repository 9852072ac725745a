"""Lifecycles of the sales documents (DESIGN §5). A meta-test checks each table against its handlers."""

from __future__ import annotations

from jxc.common.lifecycle import APPROVED, CLOSED, DRAFT, STANDARD, VOID, Transitions

# An order posts nothing: approval reserves its open quantity; 强制结单 (close) releases what is left. It is
# never 红冲'd — an order that should not have been is closed, or un-approved while nothing was delivered.
ORDER: Transitions = Transitions(
    {
        "approve": (frozenset({DRAFT}), APPROVED),
        "unapprove": (frozenset({APPROVED}), DRAFT),
        "void": (frozenset({DRAFT}), VOID),
        "close": (frozenset({APPROVED}), CLOSED),
    }
)
# Deliveries and returns post stock and money: the standard table.
DELIVERY: Transitions = STANDARD
RETURN: Transitions = STANDARD
TRANSITIONS = {"order": ORDER, "delivery": DELIVERY, "return": RETURN}
PREFIX = {"order": "XSDD", "delivery": "XSCK", "return": "XSTH"}

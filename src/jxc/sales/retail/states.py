"""Lifecycles of retail tickets and retail returns (DESIGN §5).

A ticket is never a draft anyone sees: it is saved and approved in one transaction (收银), so the only
actions are that approval and its 红冲. A return is the same: made and posted at once, by ticket."""

from __future__ import annotations

from jxc.common.lifecycle import APPROVED, DRAFT, REVERSED, Transitions

TICKET: Transitions = Transitions(
    {
        "approve": (frozenset({DRAFT}), APPROVED),
        "reverse": (frozenset({APPROVED}), REVERSED),
    }
)
RETURN: Transitions = Transitions({"approve": (frozenset({DRAFT}), APPROVED)})
TRANSITIONS = {"retail": TICKET, "retail_return": RETURN}
PREFIX = {"retail": "LSD", "retail_return": "LSTH"}

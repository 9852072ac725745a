"""Lifecycle of the money documents (DESIGN §5): no 反审核 — a posted receipt may already have settled other
documents, so a correction is always a 红冲 that undoes its allocations exactly."""

from __future__ import annotations

from jxc.common.lifecycle import STANDARD, Transitions

MONEY_DOC: Transitions = Transitions({k: v for k, v in STANDARD.table.items() if k != "unapprove"})

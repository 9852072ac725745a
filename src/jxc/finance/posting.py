"""What approving a money document posts, per kind, through the money ledger (the only door)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from jxc.finance import ledger
from jxc.finance.doc_models import MoneyDoc, MoneyDocLine
from jxc.finance.ledger import Cash, DocRef, Owed, Pair, base_of

ZERO = Decimal(0)


def post(session: Session, doc: MoneyDoc, lines: list[MoneyDocLine], ref: DocRef) -> list[MoneyDocLine]:
    """Post `doc`; returns its lines, which for an automatic 核销 are the allocations it chose."""
    if doc.kind in ("receipt", "payment"):
        return _settlement(session, doc, lines, ref)
    if doc.kind == "allocation":
        return _allocation(session, doc, lines, ref)
    if doc.kind == "transfer":
        assert doc.account_id is not None
        assert doc.to_account_id is not None
        moves = [
            Cash(doc.account_id, -doc.amount, remark=doc.remark),
            Cash(doc.to_account_id, doc.amount, remark=doc.remark),
        ]
        ledger.cash(session, ref, moves)
    elif doc.kind in ("income", "expense"):
        assert doc.account_id is not None
        sign = 1 if doc.kind == "income" else -1
        ledger.cash(
            session,
            ref,
            [
                Cash(doc.account_id, sign * ln.amount, doc.partner_id, ln.category_id, ln.remark)
                for ln in lines
            ],
        )
    else:
        _opening(session, lines, ref)
    return lines


def _settlement(
    session: Session, doc: MoneyDoc, lines: list[MoneyDocLine], ref: DocRef
) -> list[MoneyDocLine]:
    assert doc.partner_id is not None
    assert doc.account_id is not None
    [paid] = ledger.owe(
        session,
        ref,
        [
            Owed(
                doc.partner_id,
                doc.side,
                -(doc.amount + doc.discount),
                doc.currency,
                doc.rate,
                remark=doc.remark,
            )
        ],
    )
    money = doc.base_amount if doc.side == "ar" else -doc.base_amount
    ledger.cash(session, ref, [Cash(doc.account_id, money, doc.partner_id, remark=doc.remark)])
    if lines:
        pairs = [Pair(ln.entry_id, paid.id, ln.amount, i) for i, ln in enumerate(lines) if ln.entry_id]
    elif doc.auto_allocate:
        pairs = ledger.fifo_pairs(session, doc.partner_id, doc.side, doc.currency, credit_ids=[paid.id])
        lines = [_line(session, i, p, doc) for i, p in enumerate(pairs)]
    else:
        pairs = []
    ledger.allocate(session, ref, pairs)
    return lines


def _allocation(
    session: Session, doc: MoneyDoc, lines: list[MoneyDocLine], ref: DocRef
) -> list[MoneyDocLine]:
    assert doc.partner_id is not None
    if lines:
        pairs = [Pair(ln.entry_id, ln.credit_entry_id, ln.amount, i) for i, ln in enumerate(lines)]  # type: ignore[arg-type]
    elif doc.auto_allocate:
        pairs = ledger.fifo_pairs(session, doc.partner_id, doc.side, None)
        lines = [_line(session, i, p, doc, credit=True) for i, p in enumerate(pairs)]
        doc.amount = sum((p.amount for p in pairs), ZERO)
        doc.base_amount = sum((ln.base_amount for ln in lines), ZERO)
    else:
        pairs = []
    ledger.allocate(session, ref, pairs)
    return lines


def _line(session: Session, i: int, p: Pair, doc: MoneyDoc, credit: bool = False) -> MoneyDocLine:
    entry = ledger.entry(session, p.debit_entry_id)
    row = MoneyDocLine(
        doc_id=doc.id,
        line_no=i + 1,
        amount=p.amount,
        base_amount=base_of(p.amount, entry.rate),
        entry_id=p.debit_entry_id,
        credit_entry_id=p.credit_entry_id if credit else None,
        currency=entry.currency,
        rate=entry.rate,
    )
    session.add(row)
    return row


def _opening(session: Session, lines: list[MoneyDocLine], ref: DocRef) -> None:
    owed = [
        Owed(ln.partner_id, ln.side, ln.amount, ln.currency, ln.rate, ln.due_date, ln.remark)
        for ln in lines
        if ln.partner_id
    ]
    ledger.owe(session, ref, owed)
    ledger.cash(
        session, ref, [Cash(ln.account_id, ln.amount, remark=ln.remark) for ln in lines if ln.account_id]
    )

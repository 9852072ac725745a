"""32 receipts allocating to one document at the same moment never over-allocate it (PostgreSQL only: on
SQLite writers are serialised in-process). Each thread posts through the service layer in its own
transaction, so only the ledger's row locks (finance.locks) stand between them."""

from __future__ import annotations

import os
import threading
from collections import Counter

import pytest
from sqlalchemy import select

from jxc.common.errors import Conflict
from jxc.finance import documents
from jxc.finance.doc_schemas import MoneyDocWrite
from jxc.finance.integrity import problems
from jxc.finance.ledger_models import PartnerEntry
from tests.api.money.conftest import Books
from tests.helpers import company_id

pytestmark = [
    pytest.mark.pg_only,
    pytest.mark.skipif(not os.environ.get("JXC_TEST_DATABASE_URL"), reason="needs PostgreSQL"),
]


@pytest.mark.parametrize("picked", [True, False], ids=["picked-lines", "auto-oldest-first"])
def test_32_receipts_on_one_receivable(books: Books, picked: bool) -> None:
    """1,000 open; 32 receipts of 50 each: exactly 20 allocate (picked lines: the other 12 are refused with
    allocation_exceeds_open; automatic: the other 12 become prepayments). Never more than 1,000 settled."""
    db = books.api.db
    cid = company_id(db)
    books.opening_ar("C1", "1000.00")
    [item] = books.open_items("C1")
    start = threading.Barrier(32)
    outcomes: Counter[str] = Counter()
    errors: list[BaseException] = []
    lock = threading.Lock()

    def pay(i: int) -> None:
        body = {
            "business_date": "2026-11-02",
            "partner_id": books.partner["C1"],
            "account_id": books.account["CASH"],
            "amount": "50.00",
            "lines": [{"entry_id": item["id"], "amount": "50.00"}] if picked else [],
        }
        try:
            with db.transaction(company_id=cid) as s:
                doc = documents.create(s, "receipt", MoneyDocWrite.model_validate(body))
            start.wait(timeout=60)
            with db.transaction(company_id=cid) as s:
                done = documents.approve(s, "receipt", doc.id)
            result = "allocated" if done.allocated_amount == 50 else "prepaid"
        except Conflict as e:
            result = e.code
        except BaseException as e:
            with lock:
                errors.append(e)
            return
        with lock:
            outcomes[result] += 1

    threads = [threading.Thread(target=pay, args=(i,)) for i in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=240)
    assert not any(t.is_alive() for t in threads)
    assert errors == []
    other = "allocation_exceeds_open" if picked else "prepaid"
    assert outcomes == {"allocated": 20, other: 12}
    with db.transaction(writer=False, company_id=cid) as s:
        entry = s.execute(select(PartnerEntry).where(PartnerEntry.id == item["id"])).scalar_one()
        assert entry.open_amount == 0
        assert problems(s) == []

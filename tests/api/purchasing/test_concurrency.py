"""16 receipts of the same order line at the same moment never over-receive it (PostgreSQL only: on SQLite
writers are serialised in-process). Each thread approves through the service layer in its own transaction,
so only the order lines' row locks stand between them: whoever waited sees the updated remaining quantity."""

from __future__ import annotations

import os
import threading
from collections import Counter
from decimal import Decimal

import pytest
from sqlalchemy import select

from jxc.common.errors import Conflict
from jxc.purchasing import documents
from jxc.purchasing.models import PurchaseDocLine
from jxc.purchasing.schemas import PurchaseDocWrite
from tests.api.purchasing.conftest import Buyer
from tests.helpers import company_id

pytestmark = [
    pytest.mark.pg_only,
    pytest.mark.skipif(not os.environ.get("JXC_TEST_DATABASE_URL"), reason="needs PostgreSQL"),
]


def test_16_receivers_of_one_order_line(buyer: Buyer) -> None:
    """10 ordered; 16 receipts of 1 each: exactly 10 are approved, 6 refused with over_receipt."""
    db = buyer.api.db
    cid = company_id(db)
    order = buyer.post("order", [buyer.line("COLA", "10", "2.00")])
    line = order["lines"][0]["id"]
    start = threading.Barrier(16)
    outcomes: Counter[str] = Counter()
    errors: list[BaseException] = []
    lock = threading.Lock()

    def receive() -> None:
        body = buyer.body([buyer.line("COLA", "1", "2.00", source_line_id=line)])
        try:
            with db.transaction(company_id=cid) as s:
                doc = documents.create(s, "receipt", PurchaseDocWrite.model_validate(body))
            start.wait(timeout=60)
            with db.transaction(company_id=cid) as s:
                documents.approve(s, "receipt", doc.id)
            result = "received"
        except Conflict as e:
            result = e.code
        except BaseException as e:
            with lock:
                errors.append(e)
            return
        with lock:
            outcomes[result] += 1

    threads = [threading.Thread(target=receive) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=240)
    assert not any(t.is_alive() for t in threads)
    assert errors == []
    assert outcomes == {"received": 10, "over_receipt": 6}
    with db.transaction(writer=False, company_id=cid) as s:
        done = s.execute(select(PurchaseDocLine.done_qty).where(PurchaseDocLine.id == line)).scalar_one()
        assert done == Decimal(10)
    assert buyer.qty("COLA") == 10
    assert buyer.qty("COLA", "incoming") == 0
    assert buyer.get("order", order["id"])["receive_status"] == "full"
    assert buyer.problems() == []

"""Approving reads and writes rows rather than ORM objects (doc_rows, ledger, db.engine.Prepared): the same
company boundary, the same audit trail, and no stale ORM object left behind."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from jxc.auth.models import Company
from jxc.common.audit import verify_chain
from jxc.common.errors import NotFound
from jxc.common.models import AuditLog
from jxc.db.base import utcnow
from jxc.inventory import documents, ledger
from jxc.inventory.doc_models import StockDoc
from jxc.inventory.stock_models import StockBalance
from tests.api.inventory.conftest import Shop


def _entries(shop: Shop, doc_id: int) -> list[AuditLog]:
    with shop.api.db.transaction(writer=False, all_companies=True) as s:
        return list(
            s.execute(
                select(AuditLog)
                .where(AuditLog.object_type == "stock_doc", AuditLog.object_id == str(doc_id))
                .order_by(AuditLog.id)
            ).scalars()
        )


def test_approving_is_one_audited_update_of_the_document(shop: Shop) -> None:
    shop.post("opening", [shop.line("COLA", "10", "2.00")])
    issue = shop.post("other_out", [shop.line("COLA", "4")], reason="use")
    created, approved = _entries(shop, issue["id"])
    assert (created.action, approved.action) == ("create", "update")
    assert approved.object_label == issue["number"]
    assert approved.username == "admin"
    assert approved.before == {
        "status": "draft",
        "total_amount": "0.00",
        "approved_by": None,
        "approved_at": None,
    }
    assert approved.after is not None
    assert approved.after["status"] == "approved"
    assert approved.after["total_amount"] == "8.00"
    assert approved.after["approved_by"] == approved.user_id
    assert approved.after["approved_at"].startswith(issue["approved_at"][:19])
    assert issue["version"] == 2
    with shop.api.db.engine.connect() as conn:
        assert verify_chain(conn) == []


def test_another_companys_document_cannot_be_approved(shop: Shop) -> None:
    doc = shop.draft("other_in", [shop.line("COLA", "1", "1.00")], reason="other")
    with shop.api.db.transaction(all_companies=True) as s:
        other = Company(name="别家", start_date=utcnow().date())
        s.add(other)
        s.flush()
        other_id = other.id
    with pytest.raises(NotFound), shop.api.db.transaction(company_id=other_id) as s:
        documents.approve(s, "other_in", doc["id"])
    assert shop.api.get(f"/other-receipts/{doc['id']}").json()["status"] == "draft"
    assert shop.balance("COLA") == ("0", "0.00")


def test_orm_objects_loaded_before_approving_show_the_result(shop: Shop) -> None:
    shop.post("opening", [shop.line("COLA", "5", "1.00")])
    doc = shop.draft("other_in", [shop.line("COLA", "2", "1.50")], reason="other")
    with shop.api.db.transaction(company_id=1) as s:
        loaded = s.get(StockDoc, doc["id"])
        assert loaded is not None
        balance = s.execute(select(StockBalance).where(StockBalance.sku_id == shop.sku["COLA"])).scalar_one()
        assert balance.on_hand == Decimal(5)
        answer = documents.approve(s, "other_in", doc["id"])
        assert (loaded.status, loaded.version) == ("approved", answer.version)
        assert (balance.on_hand, balance.value) == (Decimal(7), Decimal("8.00"))


def test_a_refused_write_raises_what_core_raises(shop: Shop) -> None:
    shop.post("opening", [shop.line("COLA", "1", "1.00")])
    with shop.api.db.transaction(company_id=1) as s:
        bal = ledger.lock_balances(s, [(shop.sku["COLA"], shop.wh["A"])])[(shop.sku["COLA"], shop.wh["A"])]
        bad = {"id_": bal.id, "company_": 1, "on_hand": Decimal(-1), "value": 0, "avg_cost": 0}
        with pytest.raises(IntegrityError), s.begin_nested():  # on_hand >= 0 OR negative_ok
            ledger._SET_BALANCE.run(s.connection(), [bad | {"negative_ok": False}])

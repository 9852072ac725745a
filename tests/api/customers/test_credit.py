"""信用控制: outstanding + adding against the credit limit, overdue receivables, and the company's
off / warn / refuse setting with the override permission."""

from __future__ import annotations

import pytest

from jxc.common.clock import today
from jxc.common.errors import Conflict, NotFound
from tests.api.customers.conftest import Customers, ago
from tests.helpers import Api


def test_company_setting_defaults_to_warn_and_is_validated(api: Api, customers: Customers):
    company = api.get("/companies/current").json()
    assert company["credit_control"] == "warn"
    r = api.patch("/companies/current", {"credit_control": "maybe", "version": company["version"]})
    assert r.status_code == 422, r.text
    customers.control("refuse")
    r = api.post("/companies", {"name": "乙公司", "start_date": "2026-11-01", "credit_control": "off"})
    assert r.status_code == 201, r.text
    assert r.json()["credit_control"] == "off"


def test_within_the_limit_passes_and_over_it_warns(customers: Customers):
    customers.customer("C1", credit_limit="1000.00")
    customers.owe("C1", "600.00", today())
    assert customers.check("C1", "400.00") == ""  # 600 + 400 = 1000: at the limit, not over
    warning = customers.check("C1", "400.01")
    assert "1000.00" in warning
    assert "600.00" in warning
    assert "400.01" in warning
    assert len(warning) <= 200


def test_no_limit_means_no_check_on_amounts(customers: Customers):
    customers.customer("C1")
    customers.owe("C1", "999999.00", today())
    assert customers.check("C1", "1000000.00") == ""


def test_prepayments_lower_the_outstanding(customers: Customers):
    customers.customer("C1", credit_limit="1000.00")
    customers.owe("C1", "900.00", today())
    customers.owe("C1", "-500.00", today())  # 预收
    assert customers.check("C1", "600.00") == ""
    assert customers.check("C1", "600.01") != ""


def test_outstanding_counts_every_currency_in_base(customers: Customers):
    customers.customer("C1", credit_limit="1000.00")
    customers.owe("C1", "100.00", today(), currency="USD", rate="7")  # 700 base
    assert customers.check("C1", "300.00") == ""
    assert customers.check("C1", "300.01") != ""


def test_off_never_checks(customers: Customers):
    customers.control("off")
    customers.customer("C1", credit_limit="10.00", payment_terms_days=0)
    customers.owe("C1", "500.00", ago(40))
    assert customers.check("C1", "1000.00") == ""


def test_refuse_raises_with_the_figures_unless_overridden(customers: Customers):
    customers.control("refuse")
    customers.customer("C1", credit_limit="1000.00")
    customers.owe("C1", "800.00", today())
    assert customers.check("C1", "200.00") == ""
    with pytest.raises(Conflict) as raised:
        customers.check("C1", "250.00", "sales.order.approve")
    err = raised.value
    assert err.code == "credit_limit_exceeded"
    assert err.status == 409
    assert err.errors[0]["outstanding"] == "800.00"
    assert err.errors[0]["credit_limit"] == "1000.00"
    assert err.errors[0]["adding"] == "250.00"
    assert err.errors[0]["overdue_amount"] == "0.00"
    assert "800.00" in err.detail()
    warning = customers.check("C1", "250.00", "sales.order.approve", "sales.credit.override")
    assert "1000.00" in warning


def test_overdue_receivables_trigger_even_within_the_limit(customers: Customers):
    customers.customer("C1", credit_limit="100000.00", payment_terms_days=30)
    customers.owe("C1", "100.00", ago(30))  # due today: not yet overdue
    assert customers.check("C1", "1.00") == ""
    old = customers.owe("C1", "70.00", ago(31))  # due yesterday: overdue
    warning = customers.check("C1", "1.00")
    assert "70.00" in warning
    customers.control("refuse")
    with pytest.raises(Conflict) as raised:
        customers.check("C1", "1.00")
    assert raised.value.errors[0]["overdue_amount"] == "70.00"
    # Settled: no longer overdue.
    paid = customers.owe("C1", "-70.00", today())
    customers.settle(old, paid, "70.00", today())
    assert customers.check("C1", "1.00") == ""


def test_an_entry_with_its_own_due_date_follows_it(customers: Customers):
    customers.customer("C1", payment_terms_days=90)
    customers.owe("C1", "50.00", ago(10), due=ago(1))
    assert "50.00" in customers.check("C1", "0.00")


def test_unknown_customer_is_not_found(customers: Customers):
    customers.customer("S1", is_customer=False, is_supplier=True)
    with pytest.raises(NotFound, match="customer_not_found"):
        customers.check("S1", "1.00")


def test_another_companys_receivables_do_not_count(api: Api, customers: Customers):
    customers.customer("C1", credit_limit="100.00")
    other = api.post("/companies", {"name": "乙公司", "start_date": "2026-11-01"}).json()["id"]
    theirs = Customers(api, other)
    with api.db.transaction(writer=True, company_id=other) as s:
        from jxc.partners.models import Partner

        p = Partner(code="C1", name="乙的客户", is_customer=True)
        s.add(p)
        s.flush()
        theirs.ids["C1"] = p.id
    theirs.owe("C1", "5000.00", today())
    assert customers.check("C1", "100.00") == ""
    theirs.ids["mine"] = customers.ids["C1"]
    with pytest.raises(NotFound, match="customer_not_found"):
        theirs.check("mine", "1.00")

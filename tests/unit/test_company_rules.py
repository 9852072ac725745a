"""auth.periods.company_rules: one prepared read per transaction, except when the transaction holds the
company as an object — then its unsaved changes are what the ledgers see."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jxc.auth.models import Company
from jxc.auth.periods import check_open_period, company_rules
from jxc.common.errors import Invalid
from jxc.db.engine import Database


def test_rules_are_the_company_row(seeded: Database) -> None:
    with seeded.transaction(company_id=1) as s:
        company = s.get(Company, 1)
        assert company is not None
        expected = (company.name, company.base_currency, company.allow_negative_stock, company.credit_control)
    with seeded.transaction(company_id=1) as s:
        rules = company_rules(s)
        assert (rules.name, rules.base_currency, rules.allow_negative_stock, rules.credit_control) == expected
        assert isinstance(rules.over_receipt_tolerance, Decimal)
        assert company_rules(s) is rules  # kept for the transaction
        assert Company not in {type(o) for o in s.identity_map.values()}  # no ORM load


def test_a_change_held_by_the_transaction_is_seen(seeded: Database) -> None:
    with seeded.transaction(company_id=1) as s:
        assert company_rules(s).closed_until is None
        company = s.get(Company, 1)
        assert company is not None
        company.closed_until = date(2026, 1, 31)  # not flushed
        company.allow_negative_cash = True
        assert company_rules(s).closed_until == date(2026, 1, 31)
        assert company_rules(s).allow_negative_cash is True
        with pytest.raises(Invalid) as refused:
            check_open_period(s, date(2026, 1, 15))
        assert refused.value.code == "period_closed"
        s.rollback()

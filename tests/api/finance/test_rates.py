"""汇率: the latest rate on or before a date, 1 for the base currency, and the rules on what may be stored."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jxc.common.errors import Invalid
from jxc.finance.rates import rate_for
from tests.api.finance.conftest import Books, day
from tests.helpers import Api, make_user, problem


def add(api: Api, currency: str, on: str, rate: str) -> dict:  # type: ignore[type-arg]
    r = api.post("/exchange-rates", {"currency": currency, "rate_date": on, "rate": rate})
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def test_lookup_takes_the_latest_rate_on_or_before_the_date(api: Api, books: Books):
    add(api, "USD", "2026-11-01", "7.100000")
    add(api, "USD", "2026-11-10", "7.123400")
    add(api, "USD", "2026-11-20", "7.200000")
    add(api, "EUR", "2026-11-15", "7.800000")

    def rate(on: str, currency: str = "USD") -> tuple[str, str]:
        r = api.get("/exchange-rates/lookup", params={"currency": currency, "date": on})
        assert r.status_code == 200, r.text
        return r.json()["rate"], r.json()["rate_date"]

    assert rate("2026-11-10") == ("7.123400", "2026-11-10")
    assert rate("2026-11-19") == ("7.123400", "2026-11-10")
    assert rate("2026-12-31") == ("7.200000", "2026-11-20")
    assert rate("2026-11-01") == ("7.100000", "2026-11-01")
    assert rate("2026-11-16", "EUR") == ("7.800000", "2026-11-15")
    # The base currency needs no table.
    assert rate("2020-01-01", "CNY") == ("1.000000", "2020-01-01")
    # Lower-case codes are the same currency.
    assert rate("2026-11-19", "usd") == ("7.123400", "2026-11-10")

    problem(
        api.get("/exchange-rates/lookup", params={"currency": "USD", "date": "2026-10-31"}),
        422,
        "exchange_rate_missing",
    )
    problem(
        api.get("/exchange-rates/lookup", params={"currency": "HKD", "date": "2026-11-30"}),
        422,
        "exchange_rate_missing",
    )

    # The function the money documents call gives the same answers.
    with api.db.transaction(writer=False, company_id=books.company) as s:
        assert rate_for(s, "USD", day("2026-11-19")) == Decimal("7.123400")
        assert rate_for(s, "CNY", day("2026-11-19")) == 1
        with pytest.raises(Invalid) as err:
            rate_for(s, "USD", day("2026-10-31"))
        assert err.value.code == "exchange_rate_missing"


def test_list_is_newest_first_and_filters_by_currency(api: Api):
    add(api, "USD", "2026-11-01", "7.1")
    add(api, "EUR", "2026-11-05", "7.8")
    add(api, "USD", "2026-11-10", "7.2")
    rows = api.get("/exchange-rates").json()
    assert [(r["currency"], r["rate_date"], r["rate"]) for r in rows] == [
        ("USD", "2026-11-10", "7.200000"),
        ("EUR", "2026-11-05", "7.800000"),
        ("USD", "2026-11-01", "7.100000"),
    ]
    assert [r["rate_date"] for r in api.get("/exchange-rates", params={"currency": "usd"}).json()] == [
        "2026-11-10",
        "2026-11-01",
    ]


def test_rate_must_be_positive(api: Api):
    for bad in ("0", "-7.1"):
        body = problem(
            api.post("/exchange-rates", {"currency": "USD", "rate_date": "2026-11-01", "rate": bad}),
            422,
            "rate_invalid",
        )
        assert body["errors"][0]["field"] == "body.rate"
    row = add(api, "USD", "2026-11-01", "7.1")
    problem(
        api.patch(f"/exchange-rates/{row['id']}", {"rate": "0", "version": row["version"]}),
        422,
        "rate_invalid",
    )
    assert api.get("/exchange-rates").json()[0]["rate"] == "7.100000"


def test_one_rate_per_currency_and_date(api: Api):
    add(api, "USD", "2026-11-01", "7.1")
    problem(
        api.post("/exchange-rates", {"currency": "usd", "rate_date": "2026-11-01", "rate": "7.2"}),
        409,
        "exchange_rate_exists",
    )
    add(api, "USD", "2026-11-02", "7.2")
    add(api, "EUR", "2026-11-01", "7.8")


def test_currency_must_be_an_iso_code_other_than_the_base(api: Api):
    for bad in ("ABC", "US", "美元", "XAU"):
        problem(
            api.post("/exchange-rates", {"currency": bad, "rate_date": "2026-11-01", "rate": "7"}),
            422,
            "currency_invalid",
        )
    problem(
        api.post("/exchange-rates", {"currency": "CNY", "rate_date": "2026-11-01", "rate": "1"}),
        422,
        "currency_is_base",
    )
    problem(
        api.get("/exchange-rates/lookup", params={"currency": "ABC", "date": "2026-11-01"}),
        422,
        "currency_invalid",
    )


def test_edit_and_delete(api: Api):
    row = add(api, "USD", "2026-11-01", "7.1")
    r = api.patch(f"/exchange-rates/{row['id']}", {"rate": "7.15", "version": row["version"]})
    assert r.status_code == 200, r.text
    assert r.json()["rate"] == "7.150000"
    problem(
        api.patch(f"/exchange-rates/{row['id']}", {"rate": "7.2", "version": row["version"]}),
        409,
        "version_conflict",
    )
    assert api.delete(f"/exchange-rates/{row['id']}").status_code == 204
    assert api.get("/exchange-rates").json() == []
    problem(api.delete(f"/exchange-rates/{row['id']}"), 404, "exchange_rate_not_found")


def test_viewing_rates_does_not_allow_editing_them(api: Api, client):  # type: ignore[no-untyped-def]
    make_user(api.db, "clerk", ["finance.rate.view"])
    clerk = Api(client, api.db)
    clerk.login("clerk")
    assert clerk.get("/exchange-rates").status_code == 200
    problem(
        clerk.post("/exchange-rates", {"currency": "USD", "rate_date": "2026-11-01", "rate": "7"}),
        403,
        "permission_denied",
    )

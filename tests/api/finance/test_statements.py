"""对账单 with its opening and running balance worked out by hand, and share links that work without a
login, stop when revoked or expired, and only ever show their own company's partner."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta

from fastapi.testclient import TestClient
from python_calamine import CalamineWorkbook
from sqlalchemy import select, update

from jxc.db.base import utcnow
from jxc.finance.doc_models import StatementLink
from tests.api.finance.conftest import Books
from tests.helpers import Api, company_id, problem

PERIOD = {"date_from": "2026-11-01", "date_to": "2026-11-30"}


def _statement_books(books: Books) -> None:
    books.partner("C1")
    books.partner("C2")
    books.owe("C1", "1000.00", "2026-10-20", number="XS-1020")
    books.owe("C1", "-400.00", "2026-10-25", number="SK-1025")
    books.owe("C1", "10.00", "2026-11-01", number="XS-1101")  # on the first day: in the period
    books.owe("C1", "500.00", "2026-11-02", number="XS-1102", remark="十一月货款")
    books.owe("C1", "100.00", "2026-11-03", currency="USD", rate="7.1234", number="XS-USD")
    books.owe("C1", "-300.00", "2026-11-05", number="SK-1105")
    books.owe(
        "C1", "20.00", "2026-11-05", number="FY-1105"
    )  # same day, written later: after SK-1105 though its number sorts first
    books.owe("C1", "-100.00", "2026-11-30", number="SK-1130")
    books.owe("C1", "999.00", "2026-12-01", number="XS-1201")  # after the period
    books.owe("C1", "77.00", "2026-11-10", side="ap", number="CG-1110")  # the other side
    books.owe("C2", "55.00", "2026-11-10", number="XS-C2")


def _get(api: Api, books: Books, **params: object) -> dict:  # type: ignore[type-arg]
    r = api.get("/statements", params={"partner_id": books.partners["C1"], **PERIOD, **params})
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_statement_opening_rows_and_closing(api: Api, books: Books):
    _statement_books(books)
    s = _get(api, books)
    assert (s["company_name"], s["partner_code"], s["partner_name"]) == ("演示公司", "C1", "C1公司")
    assert (s["side"], s["currency"], s["date_from"], s["date_to"]) == (
        "ar",
        "CNY",
        "2026-11-01",
        "2026-11-30",
    )
    assert s["opening_balance"] == "600.00"  # 1000 − 400 before the period
    assert [(r["doc_number"], r["increase"], r["decrease"], r["balance"]) for r in s["rows"]] == [
        ("XS-1101", "10.00", "0.00", "610.00"),
        ("XS-1102", "500.00", "0.00", "1110.00"),
        ("SK-1105", "0.00", "300.00", "810.00"),
        ("FY-1105", "20.00", "0.00", "830.00"),
        ("SK-1130", "0.00", "100.00", "730.00"),
    ]
    assert s["rows"][1]["remark"] == "十一月货款"
    assert s["rows"][0]["doc_kind"] == "test"
    assert (s["total_increase"], s["total_decrease"], s["closing_balance"]) == ("530.00", "400.00", "730.00")

    usd = _get(api, books, currency="USD")
    assert (usd["opening_balance"], usd["closing_balance"]) == ("0.00", "100.00")
    assert [r["doc_number"] for r in usd["rows"]] == ["XS-USD"]
    ap = _get(api, books, side="ap")
    assert [r["doc_number"] for r in ap["rows"]] == ["CG-1110"]

    problem(api.get("/statements", params={"partner_id": 99999, **PERIOD}), 404, "partner_not_found")
    problem(
        api.get(
            "/statements",
            params={"partner_id": books.partners["C1"], "date_from": "2026-12-01", "date_to": "2026-11-01"},
        ),
        422,
        "invalid_query",
    )


def test_statement_export_frames_the_rows_with_opening_and_totals(api: Api, books: Books):
    _statement_books(books)
    r = api.get("/statements", params={"partner_id": books.partners["C1"], **PERIOD, "format": "xlsx"})
    assert r.status_code == 200, r.text
    rows = CalamineWorkbook.from_filelike(io.BytesIO(r.content)).get_sheet_by_index(0).to_python()
    # header, opening, five entries, totals
    assert len(rows) == 8
    assert [row[2] for row in rows[2:7]] == ["XS-1101", "XS-1102", "SK-1105", "FY-1105", "SK-1130"]
    assert rows[1][-1] == 600
    assert rows[-1][-3:] == [530, 400, 730]


def _link(api: Api, partner_id: int, **extra: object) -> dict:  # type: ignore[type-arg]
    r = api.post("/statement-links", {"partner_id": partner_id, "side": "ar", **PERIOD, **extra})
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def test_a_share_link_works_without_login_until_revoked(api: Api, books: Books, app):  # type: ignore[no-untyped-def]
    _statement_books(books)
    link = _link(api, books.partners["C1"])
    token = link["token"]
    assert link["url"] == f"/s/{token}"
    assert len(token) >= 43
    assert link["active"] is True
    assert link["created_by_name"] == "管理员"
    # Only the token's SHA-256 is kept.
    with api.db.transaction(writer=False, company_id=books.company) as s:
        stored = s.execute(select(StatementLink.token_hash)).scalar_one()
    assert stored == hashlib.sha256(token.encode()).hexdigest()

    with TestClient(app, base_url="http://127.0.0.1") as anonymous:
        assert anonymous.get("/api/v1/partner-balances").status_code == 401
        r = anonymous.get(f"/api/v1/public/statements/{token}")
        assert r.status_code == 200, r.text
        assert r.headers["cache-control"] == "no-store"
        assert r.json() == _get(api, books)

        listed = api.get("/statement-links", params={"partner_id": books.partners["C1"]}).json()
        assert [(x["id"], x["partner_name"], x["active"]) for x in listed] == [(link["id"], "C1公司", True)]
        assert "token" not in listed[0]
        r = api.post(f"/statement-links/{link['id']}/revoke")
        assert r.status_code == 200, r.text
        assert r.json()["active"] is False
        assert r.json()["revoked_at"]
        problem(anonymous.get(f"/api/v1/public/statements/{token}"), 404, "statement_link_invalid")
        problem(anonymous.get("/api/v1/public/statements/not-a-token"), 404, "statement_link_invalid")


def test_an_expired_link_stops_working(api: Api, books: Books, app):  # type: ignore[no-untyped-def]
    _statement_books(books)
    link = _link(api, books.partners["C1"], expires_in_days=1)
    with TestClient(app, base_url="http://127.0.0.1") as anonymous:
        assert anonymous.get(f"/api/v1/public/statements/{link['token']}").status_code == 200
        with api.db.transaction(writer=True, company_id=books.company) as s:
            s.execute(
                update(StatementLink)
                .where(StatementLink.id == link["id"])
                .values(expires_at=utcnow() - timedelta(minutes=1))
            )
        problem(anonymous.get(f"/api/v1/public/statements/{link['token']}"), 404, "statement_link_invalid")
    assert api.get("/statement-links").json()[0]["active"] is False
    for days in (0, 91):
        problem(
            api.post(
                "/statement-links",
                {"partner_id": books.partners["C1"], **PERIOD, "expires_in_days": days},
            ),
            422,
            "validation_failed",
        )


def test_a_link_shows_its_own_company_and_partner_only(api: Api, books: Books, app):  # type: ignore[no-untyped-def]
    _statement_books(books)
    mine = _link(api, books.partners["C1"])
    r = api.post("/companies", {"name": "分公司", "start_date": "2026-11-01"})
    assert r.status_code == 201, r.text
    other_company = r.json()["id"]
    assert api.post("/auth/switch-company", {"company_id": other_company}).status_code == 200
    other = Books(api, other_company)
    other.partner("B1")
    other.owe("B1", "42.00", "2026-11-15", number="B-1115")
    theirs = _link(api, other.partners["B1"])
    # A partner of the first company is not found from the second.
    problem(
        api.post("/statement-links", {"partner_id": books.partners["C1"], **PERIOD}), 404, "partner_not_found"
    )
    assert api.post("/auth/switch-company", {"company_id": company_id(api.db)}).status_code == 200

    with TestClient(app, base_url="http://127.0.0.1") as anonymous:
        # Whatever else the request says, a token reads its own link's company and partner.
        r = anonymous.get(
            f"/api/v1/public/statements/{theirs['token']}", params={"partner_id": books.partners["C1"]}
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert (body["company_name"], body["partner_code"]) == ("分公司", "B1")
        assert [x["doc_number"] for x in body["rows"]] == ["B-1115"]
        body = anonymous.get(f"/api/v1/public/statements/{mine['token']}").json()
        assert (body["company_name"], body["partner_code"], body["closing_balance"]) == (
            "演示公司",
            "C1",
            "730.00",
        )
    # Each company lists and revokes its own links only.
    assert [x["id"] for x in api.get("/statement-links").json()] == [mine["id"]]
    problem(api.post(f"/statement-links/{theirs['id']}/revoke"), 404, "statement_link_not_found")

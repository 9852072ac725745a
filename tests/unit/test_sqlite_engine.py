"""SQLite runs as the ledger needs: WAL, synchronous=FULL, foreign keys, serialised writers."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from jxc.common.models import NumberSequence
from tests.helpers import company_id


@pytest.fixture
def sqlite_db(seeded, backend):  # type: ignore[no-untyped-def]
    if backend != "sqlite":
        pytest.skip("SQLite engine settings; the PostgreSQL run covers its own engine")
    return seeded


def test_pragmas(sqlite_db):
    with sqlite_db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_many_writers_never_see_database_is_locked(sqlite_db):
    cid = company_id(sqlite_db)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(20):
                with sqlite_db.transaction(company_id=cid) as s:
                    s.add(
                        NumberSequence(
                            prefix=f"T{n}", day=__import__("datetime").date(2026, 1, 1 + i), last=i
                        )
                    )
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with sqlite_db.transaction(writer=False, company_id=cid) as s:
        assert s.query(NumberSequence).count() == 160

"""Document numbers: prefix-yyyymmdd-NNNN, per company and day, unique under concurrency."""

from __future__ import annotations

import threading
from datetime import date

from jxc.common.numbering import next_number
from tests.helpers import company_id

DAY = date(2026, 11, 22)


def test_numbers_count_per_prefix_day_and_company(seeded):
    cid = company_id(seeded)
    with seeded.transaction(company_id=cid) as s:
        assert next_number(s, "CGRK", DAY) == "CGRK-20261122-0001"
        assert next_number(s, "CGRK", DAY) == "CGRK-20261122-0002"
        assert next_number(s, "XSCK", DAY) == "XSCK-20261122-0001"
        assert next_number(s, "CGRK", date(2026, 11, 23)) == "CGRK-20261123-0001"


def test_a_rolled_back_save_gives_its_number_back(seeded):
    cid = company_id(seeded)
    try:
        with seeded.transaction(company_id=cid) as s:
            assert next_number(s, "PDD", DAY) == "PDD-20261122-0001"
            raise RuntimeError("save failed")
    except RuntimeError:
        pass
    with seeded.transaction(company_id=cid) as s:
        assert next_number(s, "PDD", DAY) == "PDD-20261122-0001"


def test_concurrent_savers_never_share_a_number(seeded):
    cid = company_id(seeded)
    got: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def saver() -> None:
        try:
            start.wait()
            for _ in range(10):
                with seeded.transaction(company_id=cid) as s:
                    got.append(next_number(s, "DBD", DAY))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=saver) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(got) == [f"DBD-20261122-{i:04d}" for i in range(1, 81)]

"""One place keeps every query inside the current company."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from jxc.auth.models import Company, Role
from jxc.db.base import utcnow
from jxc.db.scoping import CrossCompanyWrite


def _two_companies(db) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with db.transaction(all_companies=True) as s:
        a = Company(name="甲", start_date=utcnow().date())
        b = Company(name="乙", start_date=utcnow().date())
        s.add_all([a, b])
        s.flush()
        s.add_all([Role(name="甲的角色", company_id=a.id), Role(name="乙的角色", company_id=b.id)])
        return a.id, b.id


def test_reads_see_only_the_current_company(db):
    a, _ = _two_companies(db)
    with db.transaction(writer=False, company_id=a) as s:
        assert s.execute(select(Role.name)).scalars().all() == ["甲的角色"]
        # Even a direct lookup by primary key of the other company's row finds nothing.
        other = s.execute(select(Role).where(Role.name == "乙的角色")).scalar_one_or_none()
        assert other is None
    with db.transaction(writer=False) as s:  # no company: nothing at all
        assert s.execute(select(Role)).scalars().all() == []


def test_new_rows_take_the_current_company(db):
    a, _ = _two_companies(db)
    with db.transaction(company_id=a) as s:
        role = Role(name="新角色")
        s.add(role)
        s.flush()
        assert role.company_id == a


def test_writing_another_companys_row_is_refused(db):
    a, b = _two_companies(db)
    with db.transaction(company_id=a) as s:
        s.add(Role(name="偷渡", company_id=b))
        with pytest.raises(CrossCompanyWrite):
            s.flush()
        s.rollback()
    with db.transaction(writer=False, company_id=None) as s:
        s.add(Role(name="无主"))
        with pytest.raises(CrossCompanyWrite):
            s.flush()
        s.rollback()

"""The one place that keeps every query inside the current company (账套).

A session carries `info["company_id"]`. Every ORM statement gets a criteria on `CompanyScoped` tables for
that company; a session with no company sees no company rows at all. Only code that explicitly asks for
`info["all_companies"] = True` (the CLI, system checks) sees across companies.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from jxc.db.base import CompanyScoped

NO_COMPANY = -1


class CrossCompanyWrite(RuntimeError):
    """A row of one company was written while working in another: a programming error, never user input."""


def session_company(session: Session) -> int | None:
    value = session.info.get("company_id")
    return int(value) if value is not None else None


def set_company(session: Session, company_id: int | None) -> None:
    session.info["company_id"] = company_id


@event.listens_for(Session, "do_orm_execute")
def _scope_statement(state: ORMExecuteState) -> None:
    if state.is_column_load or state.is_relationship_load:
        return
    session = state.session
    if session.info.get("all_companies"):
        return
    company_id = session_company(session)
    state.statement = state.statement.options(_criteria(company_id if company_id is not None else NO_COMPANY))


_CRITERIA: dict[int, Any] = {}


def _criteria(cid: int) -> Any:
    """The company's criteria option, built once per company: building it (a lambda statement and its
    tracking) cost more than many of the queries it was added to."""
    option = _CRITERIA.get(cid)
    if option is None:
        if len(_CRITERIA) > 1000:
            _CRITERIA.clear()
        option = _CRITERIA[cid] = with_loader_criteria(
            CompanyScoped, lambda cls: cls.company_id == cid, include_aliases=True
        )
    return option


@event.listens_for(Session, "before_flush")
def _check_company_on_write(session: Session, flush_context: Any, instances: Any) -> None:
    if session.info.get("all_companies"):
        return
    company_id = session_company(session)
    for obj in session.new:
        if isinstance(obj, CompanyScoped):
            if obj.company_id is None:
                if company_id is None:
                    raise CrossCompanyWrite(f"{type(obj).__name__} written without a current company")
                obj.company_id = company_id
            elif obj.company_id != company_id:
                raise CrossCompanyWrite(
                    f"{type(obj).__name__} of company {obj.company_id} written in {company_id}"
                )
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, CompanyScoped) and obj.company_id != company_id:
            raise CrossCompanyWrite(
                f"{type(obj).__name__} of company {obj.company_id} changed in {company_id}"
            )


class across_companies:
    """Look across companies for the duration of a block (e.g. the companies one user belongs to)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._before: Any = None

    def __enter__(self) -> Session:
        self._before = self.session.info.get("all_companies")
        self.session.info["all_companies"] = True
        return self.session

    def __exit__(self, *exc: object) -> None:
        self.session.info["all_companies"] = self._before

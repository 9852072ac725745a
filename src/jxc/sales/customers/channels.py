"""销售渠道: 门店, 线上商城, 分销, 批发 … — seeded for every new company, editable, never deleted once a
sales document names one (then it is deactivated instead)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.auth.companies import register_seeder
from jxc.common.errors import Conflict, NotFound, field_error
from jxc.sales.customers.schemas import SalesChannelCreate, SalesChannelRead, SalesChannelUpdate
from jxc.sales.models import SalesChannel, SalesDoc

DEFAULTS: tuple[str, ...] = ("门店", "线上商城", "分销", "批发")


def list_channels(session: Session, is_active: bool | None = None) -> list[SalesChannelRead]:
    stmt = select(SalesChannel)
    if is_active is not None:
        stmt = stmt.where(SalesChannel.is_active.is_(is_active))
    stmt = stmt.order_by(SalesChannel.sort_order, SalesChannel.id)
    return [SalesChannelRead.model_validate(c) for c in session.execute(stmt).scalars()]


def _load(session: Session, channel_id: int) -> SalesChannel:
    row = session.execute(select(SalesChannel).where(SalesChannel.id == channel_id)).scalar_one_or_none()
    if row is None:
        raise NotFound("channel_not_found")
    return row


def get_channel(session: Session, channel_id: int) -> SalesChannelRead:
    return SalesChannelRead.model_validate(_load(session, channel_id))


def _name_free(session: Session, name: str, except_id: int | None = None) -> None:
    stmt = select(SalesChannel.id).where(SalesChannel.name == name)
    if except_id is not None:
        stmt = stmt.where(SalesChannel.id != except_id)
    if session.execute(stmt.limit(1)).first():
        raise Conflict("channel_name_taken", errors=[field_error("body.name", "name_taken")], name=name)


def create_channel(session: Session, body: SalesChannelCreate) -> SalesChannelRead:
    _name_free(session, body.name)
    row = SalesChannel(name=body.name, sort_order=body.sort_order, is_active=body.is_active)
    session.add(row)
    session.flush()
    return SalesChannelRead.model_validate(row)


def update_channel(session: Session, channel_id: int, body: SalesChannelUpdate) -> SalesChannelRead:
    row = _load(session, channel_id)
    if body.name is not None and body.name != row.name:
        _name_free(session, body.name, except_id=row.id)
        row.name = body.name
    if body.sort_order is not None:
        row.sort_order = body.sort_order
    if body.is_active is not None:
        row.is_active = body.is_active
    session.flush()
    return SalesChannelRead.model_validate(row)


def is_used(session: Session, channel_id: int) -> bool:
    """Named by any sales document, a draft included."""
    return (
        session.execute(select(SalesDoc.id).where(SalesDoc.channel_id == channel_id).limit(1)).first()
        is not None
    )


def delete_channel(session: Session, channel_id: int) -> None:
    row = _load(session, channel_id)
    if is_used(session, row.id):
        raise Conflict("channel_used", name=row.name)
    session.delete(row)
    session.flush()


def seed_channels(session: Session) -> None:
    """The starting channels of the session's company; names it already has are left alone."""
    have = set(session.execute(select(SalesChannel.name)).scalars())
    session.add_all(
        SalesChannel(name=name, sort_order=(i + 1) * 10, is_active=True)
        for i, name in enumerate(DEFAULTS)
        if name not in have
    )
    session.flush()


register_seeder(seed_channels)

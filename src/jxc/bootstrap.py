"""Setting up a database: schema, the first company and its administrator, demo data, invariant checks."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from jxc import demo_catalogue, demo_inventory, demo_money, demo_purchasing, demo_sales
from jxc.auth import passwords
from jxc.auth.companies import seed_company
from jxc.auth.models import (
    Company,
    Membership,
    MembershipRole,
    MembershipWarehouse,
    Role,
    RolePermission,
    User,
)
from jxc.common import audit, verify
from jxc.db import migrate
from jxc.db.engine import Database
from jxc.inventory.models import Warehouse
from jxc.models import Base
from jxc.settings import Settings

ADMIN = "admin"
DEFAULT_COMPANY = "演示公司"
PASSWORD_FILE = "initial-admin-password.txt"


@dataclass
class InitResult:
    created: bool
    admin_password: str | None


def migrate_to_head(db: Database) -> None:
    migrate.upgrade(db.engine, Base.metadata)


def init(db: Database, settings: Settings) -> InitResult:
    """Idempotent: migrate, and on an empty database create the company and the administrator."""
    migrate_to_head(db)
    return ensure_first_company(db, settings)


def ensure_first_company(db: Database, settings: Settings) -> InitResult:
    with db.transaction(writer=True, all_companies=True) as session:
        if session.execute(select(func.count()).select_from(User)).scalar_one():
            return InitResult(False, None)
        password = settings.admin_password or secrets.token_urlsafe(9)
        company = Company(name=DEFAULT_COMPANY, start_date=date.today().replace(day=1))  # noqa: DTZ011
        session.add(company)
        session.flush()
        admin = User(
            username=ADMIN,
            display_name="管理员",
            password_hash=passwords.hash_password(password),
            default_company_id=company.id,
        )
        session.add(admin)
        session.flush()
        session.info["all_companies"] = False
        seed_company(session, company.id, admin.id)
    if not settings.admin_password:
        path = settings.data_dir / PASSWORD_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(password + "\n")
        path.chmod(0o600)
    return InitResult(True, password)


def initial_password(db: Database, settings: Settings) -> str | None:
    """The generated admin password, shown at each start while it is still the valid one."""
    if settings.admin_password:
        candidate: str | None = settings.admin_password
    else:
        path: Path = settings.data_dir / PASSWORD_FILE
        candidate = path.read_text().strip() if path.exists() else None
    if not candidate:
        return None
    with db.transaction(writer=False, all_companies=True) as session:
        hashed = session.execute(
            select(User.password_hash).where(User.username == ADMIN)
        ).scalar_one_or_none()
    if hashed and passwords.verify_password(candidate, hashed)[0]:
        return candidate
    return None


DEMO_WAREHOUSES = [
    ("WH01", "总仓", "warehouse"),
    ("ST01", "人民路门店", "store"),
    ("ST02", "解放路门店", "store"),
]
DEMO_ROLES = {
    "仓管员": [
        "warehouse.view",
        "catalog.product.view",
        "warehouse.edit",
        *(
            f"inventory.{k}.{a}"
            for k in ("opening", "other_in", "other_out", "transfer")
            for a in ("view", "create", "approve")
        ),
        "inventory.stocktake.view",
        "inventory.stocktake.create",
        "inventory.stocktake.approve",
        "inventory.stock.view",
        "inventory.ledger.view",
        "inventory.alert.view",
    ],
    "销售员": [
        "warehouse.view",
        "catalog.product.view",
        "partner.view",
        "partner.create",
        "inventory.stock.view",
        "finance.receipt.view",
        "finance.receipt.create",
        "finance.statement.view",
        "finance.statement.share",
        *(
            f"sales.{k}.{a}"
            for k in ("order", "delivery", "return")
            for a in ("view", "create", "approve", "export")
        ),
        "sales.order.close",
        "sales.customer.view",
        "retail.view",
    ],
    "收银员": [
        "warehouse.view",
        "catalog.product.view",
        "partner.view",
        "inventory.stock.view",
        "retail.view",
        "retail.sell",
        "retail.return",
        "retail.reverse",
        "retail.export",
    ],
    "采购员": [
        "warehouse.view",
        "catalog.product.view",
        "catalog.product.create",
        "catalog.product.edit",
        "partner.view",
        "cost.view",
    ],
    "财务": [
        "cost.view",
        "system.audit.view",
        "finance.account.view",
        "partner.view",
        *(
            f"finance.{k}.{a}"
            for k in ("receipt", "payment", "allocation", "transfer", "income", "expense", "opening")
            for a in ("view", "create", "approve", "reverse", "export")
        ),
        "finance.balance.view",
        "finance.balance.export",
        "finance.statement.view",
        "finance.statement.export",
        "finance.statement.share",
        "finance.ageing.view",
        "finance.ageing.export",
        "finance.rate.view",
        "finance.rate.edit",
        "finance.category.view",
        "finance.category.edit",
    ],
    "只读": [
        "system.user.view",
        "system.role.view",
        "system.company.view",
        "warehouse.view",
        "catalog.product.view",
        "partner.view",
        "finance.account.view",
    ],
}
DEMO_USERS = [
    ("zhangsan", "张三", "销售员", ["ST01"]),
    ("lisi", "李四", "仓管员", ["WH01"]),
    ("wangwu", "王五", "财务", None),
    ("zhaoliu", "赵六", "收银员", ["ST01"]),
]
DEMO_PASSWORD = "jxc-demo-2026"


def demo(db: Database) -> list[str]:
    """Add demo master data to the first company (idempotent). Returns what was added."""
    added: list[str] = []
    with db.transaction(writer=True, all_companies=True) as session:
        company_id = session.execute(select(Company.id).order_by(Company.id)).scalars().first()
        if company_id is None:
            raise RuntimeError("run `jxc init` first")
    with db.transaction(writer=True, company_id=company_id) as session:
        codes = {w.code: w for w in session.execute(select(Warehouse)).scalars()}
        for code, name, kind in DEMO_WAREHOUSES:
            if code not in codes:
                codes[code] = Warehouse(code=code, name=name, kind=kind)
                session.add(codes[code])
                added.append(f"仓库 {code} {name}")
        session.flush()
        roles = {r.name: r for r in session.execute(select(Role)).scalars()}
        for name, perms in DEMO_ROLES.items():
            if name not in roles:
                roles[name] = Role(name=name, description="")
                session.add(roles[name])
                session.flush()
                for code in perms:
                    session.add(RolePermission(role_id=roles[name].id, code=code))
                added.append(f"角色 {name}")
        session.flush()
        for username, display, role_name, warehouses in DEMO_USERS:
            if session.execute(select(User.id).where(User.username == username)).first():
                continue
            user = User(
                username=username,
                display_name=display,
                password_hash=passwords.hash_password(DEMO_PASSWORD),
                default_company_id=company_id,
            )
            session.add(user)
            session.flush()
            member = Membership(user_id=user.id, all_warehouses=warehouses is None)
            session.add(member)
            session.flush()
            session.add(MembershipRole(membership_id=member.id, role_id=roles[role_name].id))
            for code in warehouses or []:
                session.add(MembershipWarehouse(membership_id=member.id, warehouse_id=codes[code].id))
            added.append(f"用户 {username}（{display}，{role_name}）密码 {DEMO_PASSWORD}")
    with db.transaction(writer=True, company_id=company_id) as session:
        added.extend(demo_catalogue.load(session))
    with db.transaction(writer=True, company_id=company_id) as session:
        added.extend(demo_inventory.load(session))
    with db.transaction(writer=True, company_id=company_id) as session:
        added.extend(demo_money.load(session))
    with db.transaction(writer=True, company_id=company_id) as session:
        added.extend(demo_purchasing.load(session))
    with db.transaction(writer=True, company_id=company_id) as session:
        added.extend(demo_sales.load(session))
    return added


@verify.register("数据库结构已是最新版本 / schema at the latest migration")
def _schema_at_head(db: Database) -> list[str]:
    current, head = migrate.current_revision(db.engine), migrate.head_revision(db.engine)
    return [] if current == head else [f"database at {current}, migrations at {head}: run `jxc init`"]


@verify.register("表结构与模型一致 / models match the migrations")
def _no_drift(db: Database) -> list[str]:
    return [str(d) for d in migrate.drift(db.engine, Base.metadata)]


@verify.register("操作日志未被篡改 / audit trail intact")
def _audit_chain(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        return audit.verify_chain(conn)

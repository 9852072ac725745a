"""The `jxc` command: init, serve, demo, user, verify, openapi.

Each command imports what it needs when it runs: `jxc import` is timed in seconds, and loading the whole
application (bootstrap pulls in the demo catalogue and the product services) for it cost about a second.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from sqlalchemy import select

from jxc.excel_cli import register_commands
from jxc.settings import get_settings

if TYPE_CHECKING:
    from jxc.db.engine import Database

app = typer.Typer(help="JXC 进销存", no_args_is_help=True, add_completion=False)
user_app = typer.Typer(help="用户管理 / users", no_args_is_help=True)
app.add_typer(user_app, name="user")
console = Console()


def _db() -> Database:
    # Every command but import/export (which load only their domains) starts here: loading bootstrap loads
    # the whole application, every model and the checks `verify` runs, as before start-up went lazy.
    from jxc import bootstrap  # noqa: F401
    from jxc.db.engine import Database

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return Database(settings.resolved_database_url())


@app.command()
def init() -> None:
    """建库（迁移到最新结构），首次运行时创建公司与管理员 admin。"""
    from jxc import bootstrap

    settings = get_settings()
    result = bootstrap.init(_db(), settings)
    if result.created:
        console.print("[green]数据库已创建[/green]，公司：" + bootstrap.DEFAULT_COMPANY)
        console.print(
            f"管理员 / admin: [bold]{bootstrap.ADMIN}[/bold]  "
            f"密码 / password: [bold]{result.admin_password}[/bold]"
        )
    else:
        console.print("数据库已是最新 / database up to date")


@app.command()
def demo() -> None:
    """在第一个公司里加入演示数据（仓库、角色、用户），可重复运行。"""
    from jxc import bootstrap

    db = _db()
    bootstrap.init(db, get_settings())
    added = bootstrap.demo(db)
    for line in added:
        console.print(" + " + line)
    console.print(f"演示数据就绪（新增 {len(added)} 项）/ demo data ready")


@app.command()
def serve(
    host: str = typer.Option(None, help="默认 JXC_HOST 或 127.0.0.1"),
    port: int = typer.Option(None, help="默认 JXC_PORT 或 8000"),
) -> None:
    """启动服务（首次运行会先建库）。"""
    import uvicorn

    from jxc import bootstrap
    from jxc.app import WEB_DIR, create_app
    from jxc.db.maintenance import optimize

    settings = get_settings()
    host = host or settings.host
    port = port or settings.port
    db = _db()
    bootstrap.init(db, settings)
    optimize(db)
    password = bootstrap.initial_password(db, settings)
    console.rule("JXC 进销存")
    console.print(f"地址 / URL:      [bold cyan]http://{host}:{port}[/bold cyan]")
    console.print(f"数据库 / DB:     {db.url}")
    if password:
        console.print(
            f"管理员 / admin:  [bold]{bootstrap.ADMIN}[/bold]  密码 / password: [bold]{password}[/bold]"
        )
    else:
        console.print(f"管理员 / admin:  [bold]{bootstrap.ADMIN}[/bold]（密码已修改 / password changed）")
    if not (WEB_DIR / "index.html").exists():
        console.print("[yellow]前端未构建 / front end not built: `make run` builds it[/yellow]")
    console.rule()
    uvicorn.run(
        create_app(settings, db),
        host=host,
        port=port,
        log_level=settings.log_level,
        proxy_headers=False,
        server_header=False,
    )


@user_app.command("create")
def user_create(
    username: str,
    password: str = typer.Option(..., prompt=True, hide_input=True),
    display_name: str = typer.Option("", help="姓名"),
    admin: bool = typer.Option(False, help="授予管理员角色 / grant the admin role"),
) -> None:
    """创建用户（加入第一个公司）。"""
    from jxc import bootstrap
    from jxc.auth import passwords
    from jxc.auth.companies import seed_company
    from jxc.auth.models import Company, Membership, User

    problem = passwords.password_problem(password)
    if problem:
        console.print(f"[red]密码不符合要求 / password refused: {problem}[/red]")
        raise typer.Exit(2)
    db = _db()
    bootstrap.init(db, get_settings())
    with db.transaction(writer=True, all_companies=True) as session:
        if session.execute(select(User.id).where(User.username == username)).first():
            console.print(f"[red]用户名已存在 / username taken: {username}[/red]")
            raise typer.Exit(2)
        company_id = session.execute(select(Company.id).order_by(Company.id)).scalars().first()
        user = User(
            username=username,
            display_name=display_name or username,
            password_hash=passwords.hash_password(password),
            default_company_id=company_id,
        )
        session.add(user)
        session.flush()
        session.info["all_companies"] = False
        if admin and company_id is not None:
            seed_company(session, company_id, user.id)
        elif company_id is not None:
            session.info["company_id"] = company_id
            session.add(Membership(user_id=user.id, all_warehouses=True))
    console.print(f"[green]已创建用户 / created[/green] {username}")


@user_app.command("reset-password")
def user_reset_password(
    username: str, password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True)
) -> None:
    """重置用户密码，并结束其所有登录会话。"""
    from sqlalchemy import update

    from jxc.auth import passwords
    from jxc.auth.models import User, UserSession
    from jxc.db.base import utcnow

    problem = passwords.password_problem(password)
    if problem:
        console.print(f"[red]密码不符合要求 / password refused: {problem}[/red]")
        raise typer.Exit(2)
    db = _db()
    with db.transaction(writer=True, all_companies=True) as session:
        user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
        if user is None:
            console.print(f"[red]没有这个用户 / no such user: {username}[/red]")
            raise typer.Exit(2)
        user.password_hash = passwords.hash_password(password)
        user.is_active = True
        session.execute(
            update(UserSession)
            .where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
    console.print(f"[green]密码已重置 / password reset[/green] {username}")


@app.command("verify")
def verify_cmd() -> None:
    """运行全部不变量检查；有问题时退出码为 1。"""
    from rich.table import Table

    from jxc.common.verify import checks

    db = _db()
    table = Table("检查 / check", "结果 / result")
    failed = 0
    for check in checks():
        try:
            problems = check.run(db)
        except Exception as exc:
            problems = [f"check failed to run: {exc}"]
        failed += bool(problems)
        table.add_row(
            check.name, "[green]OK[/green]" if not problems else "[red]" + "\n".join(problems[:20]) + "[/red]"
        )
    console.print(table)
    if failed:
        raise typer.Exit(1)


@app.command("rebuild-balances")
def rebuild_balances() -> None:
    """从出入库流水、往来与资金明细重建库存、往来、账户余额（余额只是缓存）；之后运行 jxc verify 核对。"""
    from jxc.auth.models import Company
    from jxc.finance.integrity import rebuild as rebuild_money
    from jxc.inventory.integrity import rebuild

    db = _db()
    with db.transaction(writer=False, all_companies=True) as s:
        companies = [(int(c.id), str(c.name)) for c in s.execute(select(Company)).scalars()]
    for cid, name in companies:
        with db.transaction(writer=True, company_id=cid) as s:
            changed = rebuild(s) + rebuild_money(s)
        console.print(f"{name}: 修正 {changed} 行 / {changed} balance rows rebuilt")


@app.command()
def openapi(out: Path = typer.Option(None, help="写入文件；默认输出到终端")) -> None:
    """导出 OpenAPI 结构（前端类型由它生成）。"""
    from jxc.app import create_app
    from jxc.db.engine import Database

    schema = create_app(get_settings(), Database("sqlite://")).openapi()
    text = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


register_commands(app)


def main() -> None:
    app()

"""`jxc import ENTITY FILE [--dry-run]` and `jxc export ENTITY FILE`: the same engine as the screens.

Mounted by cli.py with `register_commands(app)` (or `app.add_typer(excel_cli.app)`).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy import select

from jxc.common.context import RequestContext, activate, deactivate
from jxc.common.errors import DomainError
from jxc.common.excel import registry
from jxc.common.excel.importer import ApplyResult, ImportResult, ImportWriteFailed, run_import
from jxc.common.excel.reader import Row, read_table
from jxc.common.export import to_csv, to_xlsx
from jxc.db.engine import Database
from jxc.settings import get_settings

app = typer.Typer(help="Excel 导入导出 / import and export", no_args_is_help=True, add_completion=False)
console = Console()
DOMAIN_MODULES = ("jxc.catalog.excel", "jxc.partners.excel", "jxc.inventory.excel", "jxc.finance.excel")
SHOWN_ERRORS = 50


def load_domains() -> None:
    """Import the modules whose import registers their entities; a domain not built yet is skipped."""
    importlib.import_module("jxc.models")
    for name in DOMAIN_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            # Only the module itself (or its package) missing is expected; a broken import inside it is not.
            if exc.name is None or not (name == exc.name or name.startswith(exc.name + ".")):
                raise


def _registration(entity: str) -> registry.Registration:
    load_domains()
    found = registry.find(entity)
    if found is None:
        known = "、".join(registry.entities()) or "-"
        console.print(f"[red]不支持的对象 / unknown entity: {entity}[/red]（可用 / known: {known}）")
        raise typer.Exit(2)
    return found


def _company(db: Database, company: int | None) -> int:
    from jxc.auth.models import Company

    with db.transaction(writer=False, all_companies=True) as session:
        stmt = select(Company.id).order_by(Company.id)
        if company is not None:
            stmt = stmt.where(Company.id == company)
        found = session.execute(stmt).scalars().first()
    if found is None:
        console.print("[red]没有这个公司（账套），请先运行 jxc init / no such company[/red]")
        raise typer.Exit(2)
    return found


def _show(result: ImportResult) -> None:
    if result.errors:
        table = Table("行 / row", "列 / column", "错误 / error", title=f"错误 / errors: {len(result.errors)}")
        for e in result.errors[:SHOWN_ERRORS]:
            table.add_row(str(e.row) if e.row else "-", e.column or "-", e.message)
        console.print(table)
        if len(result.errors) > SHOWN_ERRORS:
            console.print(f"……另有 {len(result.errors) - SHOWN_ERRORS} 个错误 / more errors not shown")
    state = (
        "[green]已写入 / committed[/green]" if result.committed else "[yellow]未写入 / not written[/yellow]"
    )
    console.print(
        f"共 {result.total} 行，有效 {result.valid}，新增 {result.created}，更新 {result.updated}，{state}"
    )


def import_cmd(
    entity: str = typer.Argument(..., help="products | partners | warehouses | accounts | categories"),
    file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True),
    dry_run: bool = typer.Option(False, "--dry-run", help="只校验，不写入 / validate only"),
    company: int | None = typer.Option(None, help="公司（账套）id；默认第一个 / company id"),
) -> None:
    """从 Excel/CSV 导入（全部成功才写入，任何错误都不写入）。"""
    reg = _registration(entity)
    if file.stat().st_size > reg.spec.max_bytes:
        console.print(f"[red]文件超过 {reg.spec.max_bytes // (1024 * 1024)} MB / file too large[/red]")
        raise typer.Exit(1)
    db = Database(get_settings().resolved_database_url())
    company_id = _company(db, company)
    token = activate(
        RequestContext(request_id="cli-import", username="system", is_admin=True, company_id=company_id)
    )
    try:
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as progress:
            step = progress.add_task("读取 / reading", total=3)
            table = read_table(file.name, file.read_bytes(), reg.spec)
            progress.update(step, advance=1, description=f"校验 {len(table.rows)} 行 / validating")
            with db.transaction(writer=not dry_run, company_id=company_id) as session:

                def apply(rows: list[Row], write: bool) -> ApplyResult:
                    if write:
                        progress.update(step, advance=1, description=f"写入 {len(rows)} 行 / writing")
                    return reg.apply(session, rows, write)

                result = run_import(reg.spec, table, apply, commit=not dry_run)
            progress.update(step, completed=3)
    except ImportWriteFailed as failed:
        result = failed.result  # the transaction rolled back: nothing was written
    except DomainError as refused:
        console.print(f"[red]{refused.detail()}[/red]（未写入 / nothing written）")
        raise typer.Exit(1) from None
    finally:
        deactivate(token)
        db.dispose()
    _show(result)
    if result.errors or (not dry_run and not result.committed):
        raise typer.Exit(1)


def export_cmd(
    entity: str = typer.Argument(..., help="products | partners | warehouses | accounts | categories"),
    file: Path = typer.Argument(..., dir_okay=False, help=".xlsx 或 .csv"),
    company: int | None = typer.Option(None, help="公司（账套）id；默认第一个 / company id"),
) -> None:
    """导出为 Excel/CSV（与列表的“导出”按钮同样的文件）。"""
    reg = _registration(entity)
    db = Database(get_settings().resolved_database_url())
    company_id = _company(db, company)
    token = activate(
        RequestContext(request_id="cli-export", username="system", is_admin=True, company_id=company_id)
    )
    try:
        with db.transaction(writer=False, company_id=company_id) as session:
            rows = list(reg.export_rows(session))
            if file.suffix.lower() == ".csv":
                data = to_csv(reg.export_columns, rows)
            else:
                data = to_xlsx(reg.spec.title(), reg.export_columns, rows)
    finally:
        deactivate(token)
        db.dispose()
    file.write_bytes(data)
    console.print(f"[green]已导出 {len(rows)} 行 / exported[/green] → {file}")


def register_commands(target: typer.Typer) -> None:
    target.command("import")(import_cmd)
    target.command("export")(export_cmd)


register_commands(app)

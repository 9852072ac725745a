"""`jxc import` / `jxc export` against a real database, with roles standing in for a master-data entity."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import typer
from python_calamine import CalamineWorkbook
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from jxc import excel_cli
from jxc.auth.models import Role
from jxc.common.excel import ApplyResult, Field, ImportSpec, Row, registry
from jxc.common.export import Column
from jxc.db.engine import Database
from jxc.settings import Settings

SPEC = ImportSpec(
    "roles",
    "field.roles",
    [Field("name", "field.roles", required=True, kind="code"), Field("description", "field.display_name")],
)


def apply(session: Session, rows: list[Row], write: bool) -> ApplyResult:
    existing = {r.name: r for r in session.execute(select(Role)).scalars()}
    result = ApplyResult()
    for row in rows:
        role = existing.get(row.values["name"])
        if role is not None and role.is_system:
            result.errors.append(SPEC.error(row.number, "name", "系统角色不能导入"))
            continue
        if role is None:
            result.created += 1
            if write:
                session.add(Role(name=row.values["name"], description=row.values.get("description") or ""))
        else:
            result.updated += 1
            if write and "description" in row.values:
                role.description = row.values["description"] or ""
    if write:
        session.flush()
    return result


def export_rows(session: Session) -> list[Any]:
    return list(session.execute(select(Role).order_by(Role.id)).scalars())


@pytest.fixture
def cli(seeded: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    settings = Settings(data_dir=tmp_path, database_url=seeded.url, secret_key="test-secret-key")
    monkeypatch.setattr(excel_cli, "get_settings", lambda: settings)
    monkeypatch.setattr(excel_cli, "DOMAIN_MODULES", ("jxc.not_built_yet.excel",))
    monkeypatch.setattr(registry, "_entities", {})
    registry.register("roles", SPEC, apply, export_rows, [Column("name", "field.roles")])
    app = typer.Typer()
    excel_cli.register_commands(app)
    return app


def _roles(db: Database) -> list[str]:
    with db.transaction(writer=False, all_companies=True) as session:
        return list(session.execute(select(Role.name).order_by(Role.id)).scalars())


def test_import_dry_run_then_commit_then_export(cli: typer.Typer, seeded: Database, tmp_path: Path):
    before = _roles(seeded)
    source = tmp_path / "roles.csv"
    source.write_text("角色,姓名\n采购员,负责采购\n仓管员,\n", encoding="gb18030")
    runner = CliRunner()

    dry = runner.invoke(cli, ["import", "roles", str(source), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "新增 2" in dry.output
    assert _roles(seeded) == before

    done = runner.invoke(cli, ["import", "roles", str(source)])
    assert done.exit_code == 0, done.output
    assert _roles(seeded) == [*before, "采购员", "仓管员"]

    out = tmp_path / "roles.xlsx"
    exported = runner.invoke(excel_cli.app, ["export", "roles", str(out)])
    assert exported.exit_code == 0, exported.output
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(out.read_bytes())).get_sheet_by_index(0).to_python()
    assert [r[0] for r in sheet] == ["角色", *before, "采购员", "仓管员"]


def test_refused_import_writes_nothing_and_exits_1(cli: typer.Typer, seeded: Database, tmp_path: Path):
    before = _roles(seeded)
    source = tmp_path / "roles.csv"
    source.write_text(f"角色\n新角色\n{before[0]}\n\n", encoding="utf-8-sig")
    result = CliRunner().invoke(cli, ["import", "roles", str(source)])
    assert result.exit_code == 1
    assert "系统角色不能导入" in result.output
    assert "未写入" in result.output
    assert _roles(seeded) == before

    unknown = CliRunner().invoke(cli, ["import", "nothing", str(source)])
    assert unknown.exit_code == 2
    assert "roles" in unknown.output

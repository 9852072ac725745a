"""Migrations are the only source of the schema; layering; the OpenAPI snapshot the front end uses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from jxc import bootstrap
from jxc.app import create_app
from jxc.db import migrate
from jxc.db.engine import Database
from jxc.models import Base
from jxc.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_models_and_migrations_agree(db):
    assert migrate.drift(db.engine, Base.metadata) == []
    assert migrate.current_revision(db.engine) == migrate.head_revision(db.engine)


def test_migrations_go_down_and_up_again(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'm.db'}")
    bootstrap.migrate_to_head(db)
    migrate.upgrade(db.engine, Base.metadata, "head")
    from alembic import command

    command.downgrade(migrate.config(db.engine, Base.metadata), "base")
    assert migrate.current_revision(db.engine) is None
    bootstrap.migrate_to_head(db)
    assert migrate.drift(db.engine, Base.metadata) == []
    db.dispose()


def test_import_layering_holds():
    lint = Path(sys.executable).with_name("lint-imports")
    r = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stdout + r.stderr


def test_openapi_snapshot_is_current():
    """The front end's types come from frontend/src/api/openapi.json: regenerate with `make api`."""
    live = create_app(Settings(), Database("sqlite://")).openapi()
    snapshot = json.loads((ROOT / "frontend/src/api/openapi.json").read_text(encoding="utf-8"))
    assert json.loads(json.dumps(live, sort_keys=True)) == snapshot, "OpenAPI changed: run `make api`"

"""Test fixtures: a fresh database per test on SQLite (a copy of a migrated template) or PostgreSQL
(`JXC_TEST_DATABASE_URL`; one database per xdist worker, emptied before each test)."""

from __future__ import annotations

import os

# Cheap hashing in tests only; production defaults are checked in test_passwords.py.
os.environ.setdefault("JXC_ARGON2_MEMORY_KIB", "1024")
os.environ.setdefault("JXC_ARGON2_TIME_COST", "1")
os.environ.setdefault("JXC_SECRET_KEY", "test-secret-key")

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from jxc import bootstrap
from jxc.app import create_app
from jxc.db.engine import Database, normalise_url
from jxc.models import Base
from jxc.settings import Settings
from tests.helpers import ADMIN_PASSWORD, Api

PG_URL = os.environ.get("JXC_TEST_DATABASE_URL")


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def backend() -> str:
    return "postgresql" if PG_URL else "sqlite"


@pytest.fixture(scope="session")
def _template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated database: a template file on SQLite, this worker's own database on PostgreSQL."""
    if PG_URL:
        base = make_url(normalise_url(PG_URL))
        name = f"{base.database}_jxc_{_worker()}"
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        url = base.set(database=name).render_as_string(hide_password=False)
        db = Database(url)
        bootstrap.migrate_to_head(db)
        db.dispose()
        yield url
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        return
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = Database(f"sqlite:///{path}")
    bootstrap.migrate_to_head(db)
    db.dispose()
    yield str(path)


def _empty_pg(db: Database) -> None:
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with db.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        conn.execute(
            text("INSERT INTO audit_heads (chain, last_id, last_hash) VALUES (0, 0, :h)"), {"h": "0" * 64}
        )


@pytest.fixture
def db(_template: str, tmp_path: Path) -> Iterator[Database]:
    if PG_URL:
        database = Database(_template)
        _empty_pg(database)
    else:
        target = tmp_path / "jxc.db"
        shutil.copyfile(_template, target)
        database = Database(f"sqlite:///{target}")
    yield database
    database.dispose()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, admin_password=ADMIN_PASSWORD, secret_key="test-secret-key")


@pytest.fixture
def seeded(db: Database, settings: Settings) -> Database:
    """The database as `jxc init` leaves it: company 演示公司 and the user admin."""
    bootstrap.ensure_first_company(db, settings)
    return db


@pytest.fixture
def app(seeded: Database, settings: Settings):  # type: ignore[no-untyped-def]
    return create_app(settings, seeded)


@pytest.fixture
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


@pytest.fixture
def api(client: TestClient, seeded: Database) -> Api:
    """A client signed in as admin, sending the CSRF token."""
    a = Api(client, seeded)
    a.login("admin", ADMIN_PASSWORD)
    return a

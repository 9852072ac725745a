"""Browser tests: a real `jxc serve` on a free port with a fresh SQLite database, driven by Debian's
Chromium through pytest-playwright. Never run `playwright install` — the browser is /usr/bin/chromium.

The front end must be built first (`make test` does it); without src/jxc/web/index.html the tests fail
saying so.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Playwright

from jxc.settings import get_settings
from tests.e2e.ui import ADMIN_PASSWORD, Api

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
WEB_INDEX = ROOT / "src" / "jxc" / "web" / "index.html"
CHROMIUM = "/usr/bin/chromium"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # The browser stands where the shop does: its "today" (the date pickers' default) is the server's business
    # date, not the CI host's UTC date, which trails it for eight hours of every day.
    return {
        **browser_context_args,
        "locale": "zh-CN",
        "timezone_id": get_settings().timezone,
        "viewport": {"width": 1440, "height": 900},
    }


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"jxc serve exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2) as res:
                if res.status == 200 and json.loads(res.read()).get("status") == "ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"jxc serve did not become healthy in {timeout}s:\n{log.read_text(errors='replace')}")


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """Starts `jxc serve` on 127.0.0.1:<free port> with a temp data dir; yields the base URL."""
    if not WEB_INDEX.is_file():
        # Fail, never skip: a browser suite that quietly skips would hide a broken build.
        pytest.fail(f"front end not built ({WEB_INDEX.relative_to(ROOT)} missing): `make test` builds it")
    jxc = Path(sys.executable).parent / "jxc"
    with tempfile.TemporaryDirectory(prefix="jxc-e2e-") as tmp:
        port = _free_port()
        env = {
            **os.environ,
            "JXC_DATA_DIR": tmp,
            "JXC_DATABASE_URL": f"sqlite:///{tmp}/jxc.db",
            "JXC_ADMIN_PASSWORD": ADMIN_PASSWORD,
        }
        log = Path(tmp) / "server.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [str(jxc), "serve", "--host", "127.0.0.1", "--port", str(port)],
                env=env,
                cwd=tmp,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            base = f"http://127.0.0.1:{port}"
            try:
                _wait_healthy(f"{base}/api/v1/health", proc, log)
                yield base
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def base_url(server: str) -> str:
    """pytest-playwright resolves page.goto("/…") and page.request paths against this."""
    return server


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where tests save screenshots: $JXC_E2E_SCREENSHOTS, else a pytest temp dir."""
    configured = os.environ.get("JXC_E2E_SCREENSHOTS")
    path = Path(configured) if configured else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def api(playwright: Playwright, server: str) -> Iterator[Api]:
    """The admin signed in over the API (Chinese messages), for seeding and checking beside the screens."""
    ctx = playwright.request.new_context(base_url=server, extra_http_headers={"Accept-Language": "zh-CN"})
    res = ctx.post("/api/v1/auth/login", data={"username": "admin", "password": ADMIN_PASSWORD})
    assert res.ok, res.text()
    yield ctx, str(res.json()["csrf_token"])
    ctx.dispose()

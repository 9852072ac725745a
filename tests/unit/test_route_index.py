"""The routing pre-check (common/route_index.py) must never change which route answers a request."""

from __future__ import annotations

import re
from typing import Any

from starlette.routing import Match

from jxc.app import create_app
from jxc.common.route_index import index_routes
from jxc.db.engine import Database


def _first(routes: list[Any], scope: dict[str, Any], plain: bool) -> Any:
    for route in routes:
        match = (type(route).matches(route, dict(scope)) if plain else route.matches(dict(scope)))[0]
        if match == Match.FULL:
            return route
    return None


def _scope(path: str, method: str) -> dict[str, Any]:
    return {"type": "http", "path": path, "method": method, "root_path": "", "headers": []}


def test_every_route_is_found_by_the_same_router_as_without_the_pre_check(settings: Any) -> None:
    app = create_app(settings, Database("sqlite://"))
    routes = app.router.routes
    api = [
        (ctx.path_format, ctx.methods)
        for r in routes
        if hasattr(r, "effective_route_contexts")
        for ctx in r.effective_route_contexts()
    ]
    assert len(api) > 200
    checked = 0
    for route_path, methods in api:
        for method in methods:
            path = re.sub(r"\{[^}]+\}", "1", route_path)
            for probe in (path, path + "/extra", "/api/v1/no-such-thing", path.replace("/api/v1/", "/")):
                scope = _scope(probe, method)
                assert _first(routes, scope, plain=False) is _first(routes, scope, plain=True), probe
                checked += 1
    assert checked > 800


def test_a_router_is_skipped_without_trying_its_routes(settings: Any) -> None:
    app = create_app(settings, Database("sqlite://"))
    units = _scope("/api/v1/units", "GET")
    ticket = _scope("/api/v1/retail/tickets", "POST")
    pre_checked = [r for r in app.router.routes if "matches" in vars(r)]
    assert len(pre_checked) > 30
    hits = [r for r in pre_checked if r.matches(dict(units))[0] != Match.NONE]
    assert len(hits) == 1
    assert _first(app.router.routes, ticket, plain=False) is not None


def test_indexing_twice_changes_nothing(settings: Any) -> None:
    app = create_app(settings, Database("sqlite://"))
    index_routes(app)
    assert _first(app.router.routes, _scope("/api/v1/units", "GET"), plain=False) is not None

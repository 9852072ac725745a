"""Routing by the first path segment under /api/v1.

FastAPI tries the app's routers one after another, and each tries its routes in turn, so a request for a
route registered late (the counter's /retail/tickets) paid for a regular-expression test of nearly every
route before it (~0.8 ms of a 6 ms ticket). Each included router is given a pre-check: the first segments
its routes can start with. A router whose routes cannot match the path's first segment answers "no match"
without looking further; the order of routes, and so which route wins, is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from starlette._utils import get_route_path
from starlette.routing import Match

API = "/api/v1/"


def _head(path: str) -> str:
    return path[len(API) :].split("/", 1)[0]


def _heads(route: Any) -> frozenset[str] | None:
    """The first segments every route of an included router starts with; None when any could match
    anything (a parameter as first segment, a path outside the API)."""
    contexts = getattr(route, "effective_route_contexts", None)
    if contexts is None:
        return None
    heads = set()
    for ctx in contexts():
        path = ctx.path_format or ctx.path
        if not path.startswith(API) or "{" in _head(path):
            return None
        heads.add(_head(path))
    return frozenset(heads)


def _pre_checked(heads: frozenset[str], matches: Callable[[Any], Any]) -> Callable[[Any], Any]:
    none: tuple[Match, dict[str, Any]] = (Match.NONE, {})

    def checked(scope: Any) -> Any:
        path = get_route_path(scope)
        if path.startswith(API) and _head(path) not in heads:
            return none
        return matches(scope)

    return checked


def index_routes(app: FastAPI) -> None:
    """Call once, after every router is included."""
    for route in app.router.routes:
        heads = _heads(route)
        if heads is not None:
            object.__setattr__(route, "matches", _pre_checked(heads, route.matches))

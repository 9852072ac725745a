"""The permission-code catalogue. Each domain registers its codes here; labels live in the i18n files
under `perm.<code>` and `module.<module>`; the role editor shows the whole tree."""

from __future__ import annotations

from dataclasses import dataclass

from jxc.common.i18n import t


@dataclass(frozen=True)
class Permission:
    code: str
    module: str


_CATALOGUE: dict[str, Permission] = {}
_MODULE_ORDER: list[str] = []


def register(module: str, *codes: str) -> None:
    if module not in _MODULE_ORDER:
        _MODULE_ORDER.append(module)
    for code in codes:
        _CATALOGUE[code] = Permission(code, module)


def known(code: str) -> bool:
    return code in _CATALOGUE


def all_codes() -> list[str]:
    return list(_CATALOGUE)


def tree() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for module in _MODULE_ORDER:
        perms = [
            {"code": p.code, "label": t(f"perm.{p.code}")} for p in _CATALOGUE.values() if p.module == module
        ]
        out.append({"module": module, "label": t(f"module.{module}"), "permissions": perms})
    return out


register(
    "system",
    "system.user.view",
    "system.user.create",
    "system.user.edit",
    "system.user.disable",
    "system.user.reset_password",
    "system.user.export",
    "system.role.view",
    "system.role.create",
    "system.role.edit",
    "system.role.delete",
    "system.company.view",
    "system.company.edit",
    "system.company.create",
    "system.audit.view",
    "system.audit.export",
)
register("data", "cost.view")

"""/api/v1/<entity>/import-template, /import and /import/error-file for every registered entity.

Top level (beside app.py) because it joins the Excel engine in `common` with permissions from `auth`.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Response, UploadFile
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from jxc.auth.deps import require
from jxc.auth.principal import Principal
from jxc.common.excel import ImportResult, build_template, read_upload, with_errors
from jxc.common.excel.registry import get
from jxc.common.export import XLSX
from jxc.common.i18n import t
from jxc.common.route import TransactionalRoute, get_session

# entity → the permission that imports it (downloading its template needs the same)
IMPORTS = {
    "products": "catalog.product.import",
    "categories": "catalog.category.manage",
    "partners": "partner.import",
    "warehouses": "warehouse.import",
    "accounts": "finance.account.import",
}


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}


def _add(router: APIRouter, entity: str, permission: str) -> None:
    registration = get(entity)

    @router.get(
        f"/{entity}/import-template",
        name=f"{entity}_import_template",
        response_class=Response,
        responses={200: {"content": {XLSX: {}}}},
    )
    def template(_: Principal = Depends(require(permission))) -> Response:
        title = t(registration.spec.title_key)
        return Response(
            build_template(registration.spec),
            media_type=XLSX,
            headers=_attachment(f"{title}-{t('import.template')}.xlsx"),
        )

    @router.post(f"/{entity}/import", name=f"{entity}_import", response_model=ImportResult)
    async def run(
        mode: Literal["preview", "commit"] = "preview",
        file: UploadFile = File(...),
        _: Principal = Depends(require(permission)),
        session: Session = Depends(get_session),
    ) -> ImportResult:
        name, data = await read_upload(file, registration.spec)
        _table, result = await run_in_threadpool(registration.run, session, name, data, mode == "commit")
        return result

    @router.post(
        f"/{entity}/import/error-file",
        name=f"{entity}_import_error_file",
        response_class=Response,
        responses={200: {"content": {XLSX: {}}}},
    )
    async def error_file(
        file: UploadFile = File(...),
        _: Principal = Depends(require(permission)),
        session: Session = Depends(get_session),
    ) -> Response:
        name, data = await read_upload(file, registration.spec)
        table, result = await run_in_threadpool(registration.run, session, name, data, False)
        body = await run_in_threadpool(with_errors, table, result.errors)
        return Response(body, media_type=XLSX, headers=_attachment(f"{t('import.errors')}-{name}.xlsx"))


def router() -> APIRouter:
    out = APIRouter(prefix="/api/v1", tags=["import"], route_class=TransactionalRoute)
    for entity, permission in IMPORTS.items():
        _add(out, entity, permission)
    return out

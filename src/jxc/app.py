"""create_app(): the API routers, error handling, and the built front end on the same port."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.staticfiles import StaticFiles

from jxc import __version__, excel_api
from jxc import models as _models  # noqa: F401  (all tables registered)
from jxc.auth.api import router as auth_router
from jxc.auth.deps import public
from jxc.auth.system_api import router as system_router
from jxc.catalog.api import router as catalog_router
from jxc.common import handlers
from jxc.common.errors import NotFound
from jxc.common.route import TransactionalRoute
from jxc.common.route_index import index_routes
from jxc.db.engine import Database
from jxc.finance.ageing_api import router as money_reports_router
from jxc.finance.api import router as finance_router
from jxc.finance.balances_api import router as money_balances_router
from jxc.finance.categories_api import router as money_categories_router
from jxc.finance.doc_api import routers as money_doc_routers
from jxc.finance.rates_api import router as exchange_rates_router
from jxc.finance.statements_api import public_router as public_statements_router
from jxc.finance.statements_api import router as statements_router
from jxc.inventory.api import router as warehouse_router
from jxc.inventory.doc_api import routers as stock_doc_routers
from jxc.inventory.stock_api import router as stock_router
from jxc.inventory.stocktake_api import router as stocktake_router
from jxc.partners.api import router as partners_router
from jxc.pricing.api import routers as pricing_routers
from jxc.purchasing.api import routers as purchasing_routers
from jxc.sales.api import routers as sales_routers
from jxc.sales.records_api import routers as sales_record_routers
from jxc.sales.retail_api import routers as retail_routers
from jxc.settings import Settings, get_settings

WEB_DIR = Path(__file__).parent / "web"


class Health(BaseModel):
    status: str
    database: str
    version: str


def create_app(settings: Settings | None = None, db: Database | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="JXC 进销存",
        version=__version__,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
        separate_input_output_schemas=False,
    )
    app.state.db = db or Database(settings.resolved_database_url())
    app.state.settings = settings
    handlers.install(app)
    app.add_middleware(
        handlers.BodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        max_upload_bytes=settings.max_upload_bytes,
    )

    health = APIRouter(prefix="/api/v1", tags=["health"], route_class=TransactionalRoute)

    @health.get("/health", response_model=Health, dependencies=[Depends(public())])
    def get_health(request: Request) -> Health:
        return Health(status="ok", database=request.app.state.db.dialect, version=__version__)

    # Import routes first: /products/import-template must win over /products/{product_id}.
    for router in (
        excel_api.router(),
        health,
        auth_router,
        system_router,
        catalog_router,
        partners_router,
        warehouse_router,
        *stock_doc_routers,
        stocktake_router,
        stock_router,
        finance_router,
        *money_doc_routers,
        exchange_rates_router,
        money_categories_router,
        money_balances_router,
        statements_router,
        public_statements_router,
        money_reports_router,
        *purchasing_routers,
        *sales_routers,
        *retail_routers,
        *sales_record_routers,
        *pricing_routers,
    ):
        app.include_router(router)
    index_routes(app)

    _mount_front_end(app)
    return app


def _mount_front_end(app: FastAPI) -> None:
    index = WEB_DIR / "index.html"
    if (WEB_DIR / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=WEB_DIR / "assets"), name="assets")

    @app.get("/{path:path}", include_in_schema=False)
    def spa(path: str) -> Response:
        if path == "api" or path.startswith("api/"):
            raise NotFound()
        # Any non-API path is a front-end route: serve the file if it exists, else the app's index.
        candidate = (WEB_DIR / path).resolve()
        if path and candidate.is_file() and WEB_DIR.resolve() in candidate.parents:
            return FileResponse(candidate)
        if index.is_file():
            return FileResponse(index, headers={"Cache-Control": "no-cache"})
        return JSONResponse({"detail": "front end not built: run `make run`"}, status_code=503)

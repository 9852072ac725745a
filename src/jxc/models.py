"""Every table, and every registration between domains, loaded once: Alembic, the app, the CLI and tests
import this so the metadata is whole and `common.refs` knows every lookup and usage check."""

from jxc.auth import models as auth_models
from jxc.catalog import access as catalog_access
from jxc.catalog import categories as catalog_categories
from jxc.catalog import category_excel as catalog_category_excel
from jxc.catalog import dictionaries as catalog_dictionaries
from jxc.catalog import excel as catalog_excel
from jxc.catalog import models as catalog_models
from jxc.catalog import usage as catalog_usage
from jxc.common import models as common_models
from jxc.db.base import Base
from jxc.finance import access as finance_access
from jxc.finance import categories as finance_categories
from jxc.finance import doc_models as finance_doc_models
from jxc.finance import excel as finance_excel
from jxc.finance import integrity as finance_integrity
from jxc.finance import ledger_models as finance_ledger_models
from jxc.finance import models as finance_models
from jxc.finance import report_access as finance_report_access
from jxc.inventory import access as inventory_access
from jxc.inventory import doc_models as inventory_doc_models
from jxc.inventory import excel as inventory_excel
from jxc.inventory import integrity as inventory_integrity
from jxc.inventory import models as inventory_models
from jxc.inventory import stock_models as inventory_stock_models
from jxc.partners import access as partners_access
from jxc.partners import excel as partners_excel
from jxc.partners import models as partners_models
from jxc.partners import service as partners_service
from jxc.pricing import access as pricing_access
from jxc.pricing import models as pricing_models
from jxc.purchasing import access as purchasing_access
from jxc.purchasing import models as purchasing_models
from jxc.purchasing import orders as purchasing_orders
from jxc.sales import access as sales_access
from jxc.sales import models as sales_models
from jxc.sales import orders as sales_orders

__all__ = [
    "Base",
    "auth_models",
    "catalog_access",
    "catalog_categories",
    "catalog_category_excel",
    "catalog_dictionaries",
    "catalog_excel",
    "catalog_models",
    "catalog_usage",
    "common_models",
    "finance_access",
    "finance_categories",
    "finance_doc_models",
    "finance_excel",
    "finance_integrity",
    "finance_ledger_models",
    "finance_models",
    "finance_report_access",
    "inventory_access",
    "inventory_doc_models",
    "inventory_excel",
    "inventory_integrity",
    "inventory_models",
    "inventory_stock_models",
    "partners_access",
    "partners_excel",
    "partners_models",
    "partners_service",
    "pricing_access",
    "pricing_models",
    "purchasing_access",
    "purchasing_models",
    "purchasing_orders",
    "sales_access",
    "sales_models",
    "sales_orders",
]

"""Permission codes of the catalogue."""

from jxc.auth.permissions import register

register(
    "catalog",
    "catalog.product.view",
    "catalog.product.create",
    "catalog.product.edit",
    "catalog.product.delete",
    "catalog.product.import",
    "catalog.product.export",
    "catalog.category.manage",
    "catalog.unit.manage",
    "catalog.price_level.manage",
)

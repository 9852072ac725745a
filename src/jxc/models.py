"""Every table, imported once so the metadata (and Alembic) sees the whole schema."""

from jxc.auth import models as auth_models
from jxc.common import models as common_models
from jxc.db.base import Base
from jxc.inventory import models as inventory_models

__all__ = ["Base", "auth_models", "common_models", "inventory_models"]

"""JXC 进销存 — purchase, sales and inventory for small and medium businesses."""

__version__ = "0.1.0"

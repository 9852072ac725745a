"""Routes: filled in by the module's service work (see docs/contracts/sales-api.md)."""

from fastapi import APIRouter

routers: list[APIRouter] = []

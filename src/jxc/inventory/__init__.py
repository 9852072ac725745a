"""Inventory: warehouses now; the stock ledger, costing, transfers and stocktakes in later issues."""

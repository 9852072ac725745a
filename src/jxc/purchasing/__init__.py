"""Purchasing (采购): purchase orders, receipts checked against them, purchase returns, supplier records."""

"""Catalogue (基础资料 › 商品): units, price levels, categories, products and their SKUs, barcodes, prices."""

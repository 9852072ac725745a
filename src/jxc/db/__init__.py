"""Database plumbing: engine and transactions, Base and mixins, Decimal column types, migrations."""

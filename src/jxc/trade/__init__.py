"""What purchase and sales documents share: the same tables' shape (a `kind` column, lines pointing back to
the line they came from) read, saved, locked and linked the same way. Purchasing and sales pass in their
models and names; the business rules that differ stay with them (docs/architecture.md)."""

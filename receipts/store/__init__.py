"""Persistence, the only SQLAlchemy importer: `models` (tables), `receipts` (receipts, versions,
sequences, events, idempotency keys), `catalogue` (agencies, procedures, calendar decisions),
`people` (officers, API keys), `database` (engine set-up, `write_transaction`, migrations).
Queries return frozen domain dataclasses; only `write_transaction` commits.
"""

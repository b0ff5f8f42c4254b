"""indexes: the receipts of a day across every agency (the admin's counter list)

Revision ID: 0009_indexes
Revises: 0008_payments
Create Date: 2026-11-26 04:30:00.000000

An admin's counter lists the day's receipts of every agency (`WHERE day = … ORDER BY agency_code,
sequence DESC LIMIT 50`). The unique index (agency_code, day, sequence) serves one agency's day but
not a day alone: PostgreSQL scanned the whole table, 66 ms at 300,000 receipts and growing with them;
with this index 0.06 ms (benchmarks/bench_load.py checks the other pages' plans). The receipt page
and the look-up read by primary key and by the unique code, and need nothing new.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0009_indexes'
down_revision = '0008_payments'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_receipts_day', 'receipts', ['day', 'agency_code', 'sequence'])


def downgrade():
    op.drop_index('ix_receipts_day', table_name='receipts')

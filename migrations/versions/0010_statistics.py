"""statistics: each receipt's channel, officer and first result as columns, and the indexes the statistics read

Revision ID: 0010_statistics
Revises: 0009_indexes
Create Date: 2026-11-25 21:30:00.000000

The channel (`delivery`) and the officer were only in each version's JSON snapshot; the statistics
group by them in SQL, so they are copied onto the receipt (from its current version) and kept there
by every issue and reissue. `result_at` is the earliest result_ready/returned event, kept by every
status event, so that the on-time rate is read in the same scan as the other counts.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_statistics'
down_revision = '0009_indexes'
branch_labels = None
depends_on = None

_FIELD = {
    "postgresql": "receipt_versions.snapshot->>'{name}'",
    "sqlite": "json_extract(receipt_versions.snapshot, '$.{name}')",
}


def upgrade():
    # Plain ALTERs, never a batch copy: on SQLite a copied `receipts` could not be dropped while
    # versions, events and keys point at it (foreign keys are on).
    op.add_column('receipts', sa.Column('delivery', sa.String(length=20), server_default='counter', nullable=False))
    op.add_column('receipts', sa.Column('officer_name', sa.String(length=200), server_default='', nullable=False))
    op.add_column('receipts', sa.Column('result_at', sa.DateTime(), nullable=True))
    standing = sa.text("revoked_at IS NULL")
    op.create_index(
        'ix_receipts_stats', 'receipts',
        ['day', 'agency_code', 'delivery', 'procedure_code', 'due_at', 'result_at'],
        postgresql_where=standing, sqlite_where=standing,
    )
    open_ = sa.text("revoked_at IS NULL AND status NOT IN ('rejected', 'withdrawn', 'result_ready', 'returned')")
    op.create_index('ix_receipts_open_due_at', 'receipts', ['due_at'], postgresql_where=open_, sqlite_where=open_)
    field = _FIELD[op.get_bind().dialect.name]
    for name in ("delivery", "officer_name"):
        value = field.format(name=name)
        op.execute(
            f"UPDATE receipts SET {name} = COALESCE((SELECT {value} FROM receipt_versions "  # noqa: S608
            "WHERE receipt_versions.receipt_id = receipts.id "
            f"AND receipt_versions.version = receipts.current_version), receipts.{name})"
        )
    op.execute(
        "UPDATE receipts SET result_at = (SELECT MIN(at) FROM dossier_events "
        "WHERE dossier_events.receipt_id = receipts.id AND dossier_events.status IN ('result_ready', 'returned'))"
    )


def downgrade():
    # SQLite 3.35+ drops a column in place.
    op.drop_index('ix_receipts_open_due_at', table_name='receipts')
    op.drop_index('ix_receipts_stats', table_name='receipts')
    op.drop_column('receipts', 'result_at')
    op.drop_column('receipts', 'officer_name')
    op.drop_column('receipts', 'delivery')

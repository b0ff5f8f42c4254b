"""statistics: each receipt's channel and officer as columns, and the indexes the statistics read

Revision ID: 0007_statistics
Revises: 0006_bot_subscriptions
Create Date: 2026-11-25 21:30:00.000000

The channel (`delivery`) and the officer were only in each version's JSON snapshot; the statistics
group by them in SQL, so they are copied onto the receipt (from its current version) and kept there
by every issue and reissue.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_statistics'
down_revision = '0006_bot_subscriptions'
branch_labels = None
depends_on = None

_FIELD = {
    "postgresql": "receipt_versions.snapshot->>'{name}'",
    "sqlite": "json_extract(receipt_versions.snapshot, '$.{name}')",
}


def upgrade():
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('delivery', sa.String(length=20), server_default='counter', nullable=False))
        batch_op.add_column(sa.Column('officer_name', sa.String(length=200), server_default='', nullable=False))
        batch_op.create_index('ix_receipts_stats_day', ['day'], unique=False)
        batch_op.create_index('ix_receipts_stats_due_at', ['due_at'], unique=False)
    with op.batch_alter_table('dossier_events', schema=None) as batch_op:
        batch_op.create_index('ix_dossier_events_stats_result', ['status', 'receipt_id', 'at'], unique=False)
    field = _FIELD[op.get_bind().dialect.name]
    for name in ("delivery", "officer_name"):
        value = field.format(name=name)
        op.execute(
            f"UPDATE receipts SET {name} = COALESCE((SELECT {value} FROM receipt_versions "  # noqa: S608
            "WHERE receipt_versions.receipt_id = receipts.id "
            f"AND receipt_versions.version = receipts.current_version), receipts.{name})"
        )


def downgrade():
    with op.batch_alter_table('dossier_events', schema=None) as batch_op:
        batch_op.drop_index('ix_dossier_events_stats_result')
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.drop_index('ix_receipts_stats_due_at')
        batch_op.drop_index('ix_receipts_stats_day')
        batch_op.drop_column('officer_name')
        batch_op.drop_column('delivery')

"""event forms: what an event printed (items, officer), hand-overs, and extended appointments

Revision ID: 0007_event_forms
Revises: 0006_bot_subscriptions
Create Date: 2026-11-25 21:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_event_forms'
down_revision = '0006_bot_subscriptions'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('dossier_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=False, server_default='status'))
        batch_op.add_column(sa.Column('items', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('officer', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('handover_from', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('handover_to', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('due_before', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('due_after', sa.DateTime(), nullable=True))
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('extended_due_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.drop_column('extended_due_at')
    with op.batch_alter_table('dossier_events', schema=None) as batch_op:
        for name in ('due_after', 'due_before', 'handover_to', 'handover_from', 'officer', 'items', 'kind'):
            batch_op.drop_column(name)

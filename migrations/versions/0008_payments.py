"""payments: agencies' collecting accounts, dossiers' charges, and the money received

Revision ID: 0008_payments
Revises: 0007_event_forms
Create Date: 2026-11-25 21:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_payments'
down_revision = '0007_event_forms'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('agency_banks',
    sa.Column('agency_code', sa.String(length=40), nullable=False),
    sa.Column('bin', sa.String(length=6), nullable=False),
    sa.Column('account', sa.String(length=19), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['agency_code'], ['agencies.code'], ),
    sa.PrimaryKeyConstraint('agency_code')
    )
    op.create_table('dossier_charges',
    sa.Column('receipt_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('set_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['receipt_id'], ['receipts.id'], ),
    sa.PrimaryKeyConstraint('receipt_id')
    )
    op.create_table('payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('transaction_id', sa.String(length=100), nullable=False),
    sa.Column('receipt_id', sa.Integer(), nullable=True),
    sa.Column('agency_code', sa.String(length=40), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('fee', sa.BigInteger(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('paid_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['receipt_id'], ['receipts.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('transaction_id')
    )
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.create_index('ix_payments_agency_paid_at', ['agency_code', 'paid_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_payments_outcome'), ['outcome'], unique=False)
        batch_op.create_index(batch_op.f('ix_payments_receipt_id'), ['receipt_id'], unique=False)


def downgrade():
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payments_receipt_id'))
        batch_op.drop_index(batch_op.f('ix_payments_outcome'))
        batch_op.drop_index('ix_payments_agency_paid_at')

    op.drop_table('payments')
    op.drop_table('dossier_charges')
    op.drop_table('agency_banks')

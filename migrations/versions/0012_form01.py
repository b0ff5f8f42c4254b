"""agencies.due_style: how item 5 of the receipt prints the appointment

Revision ID: 0012_form01
Revises: 0011_audit
Create Date: 2026-11-25 21:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_form01'
down_revision = '0011_audit'
branch_labels = None
depends_on = None


# Plain ALTERs, never a batch copy: on SQLite (3.35+ drops a column in place) a copied `agencies`
# could not be dropped while receipts point at it.
def upgrade():
    op.add_column(
        'agencies', sa.Column('due_style', sa.String(length=10), nullable=False, server_default='session')
    )


def downgrade():
    op.drop_column('agencies', 'due_style')

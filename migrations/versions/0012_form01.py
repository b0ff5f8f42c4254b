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


def upgrade():
    with op.batch_alter_table('agencies') as batch_op:
        batch_op.add_column(
            sa.Column('due_style', sa.String(length=10), nullable=False, server_default='session')
        )


def downgrade():
    with op.batch_alter_table('agencies') as batch_op:
        batch_op.drop_column('due_style')

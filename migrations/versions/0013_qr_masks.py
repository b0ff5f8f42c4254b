"""qr_masks: the mask chosen for a receipt's QR when it was issued, so that drawing it again is cheap

Revision ID: 0013_qr_masks
Revises: 0012_form01
Create Date: 2026-11-26 09:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_qr_masks'
down_revision = '0012_form01'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'qr_masks',
        sa.Column('digest', sa.LargeBinary(length=16), nullable=False),
        sa.Column('mask', sa.SmallInteger(), nullable=False),
        sa.PrimaryKeyConstraint('digest'),
    )


def downgrade():
    op.drop_table('qr_masks')

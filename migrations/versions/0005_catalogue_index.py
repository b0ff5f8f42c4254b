"""catalogue: a covering index for the counts by level and field on SQLite

Revision ID: 0005_catalogue_index
Revises: 0004_zalo_channel
Create Date: 2026-11-26 10:00:00.000000

The catalogue counts matching procedures with one GROUP BY level, field. On SQLite that sorts every
matching row in a temporary B-tree (7-10 ms over 5,000 procedures); reading this index instead
takes under 3 ms (benchmarks/bench_catalogue.py). PostgreSQL hashes the groups and gains nothing
from it, and an index over names of up to 2,000 characters could exceed its index row size, so it
is SQLite only.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0005_catalogue_index'
down_revision = '0004_zalo_channel'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == 'sqlite':
        op.create_index('ix_procedures_facets', 'procedures', ['level', 'field', 'name_folded'])


def downgrade():
    if op.get_bind().dialect.name == 'sqlite':
        op.drop_index('ix_procedures_facets', table_name='procedures')

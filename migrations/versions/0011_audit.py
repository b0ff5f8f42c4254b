"""audit: the append-only audit log, officers' roles and forced password changes, searchable receipts

Revision ID: 0011_audit
Revises: 0010_statistics
Create Date: 2026-11-28 09:00:00.000000

- `audit_log`: who did what, when, from where. On PostgreSQL a trigger refuses UPDATE and DELETE
  of its rows, so that not even a bug or a stray script changes history (TRUNCATE, which only an
  owner can run, stays possible for test databases and restores).
- `users.must_change_password`; administrators without an agency become `centre_admin`, the role
  that sees every agency (an `admin` is now one agency's administrator).
- `receipts.applicant_folded` (the applicant's name without case, diacritics or đ) and
  `receipts.applicant_phone` (0…), copied from each receipt's current version, so that the
  counter's search reads indexes instead of every snapshot: a trigram index (pg_trgm) on the folded
  name on PostgreSQL, b-trees on the phone and on the orders results come in (newest day first,
  then newest first within it) for one agency, for every agency and for a procedure, so that a
  date range is an index condition rather than a filter (benchmarks/bench_search.py).
"""
import json

from alembic import op
import sqlalchemy as sa

from receipts.domain.search import phone_key
from receipts.domain.text import fold


# revision identifiers, used by Alembic.
revision = '0011_audit'
down_revision = '0010_statistics'
branch_labels = None
depends_on = None

APPEND_ONLY = """
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
"""


def upgrade():
    postgres = op.get_bind().dialect.name == 'postgresql'
    op.create_table('audit_log',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('actor_kind', sa.String(length=10), nullable=False),
    sa.Column('actor_name', sa.String(length=100), nullable=False),
    sa.Column('address', sa.String(length=100), nullable=False),
    sa.Column('agency_code', sa.String(length=40), nullable=True),
    sa.Column('dossier_code', sa.String(length=60), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_audit_log_at', 'audit_log', ['at'])
    op.create_index('ix_audit_log_agency_at', 'audit_log', ['agency_code', 'at'])
    op.create_index('ix_audit_log_dossier_code', 'audit_log', ['dossier_code'])
    if postgres:
        op.execute(APPEND_ONLY)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute("UPDATE users SET role = 'centre_admin' WHERE role = 'admin' AND agency_code IS NULL")

    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('applicant_folded', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('applicant_phone', sa.String(length=20), nullable=False, server_default=''))
    _backfill()
    op.create_index('ix_receipts_applicant_phone', 'receipts', ['applicant_phone'])
    op.create_index('ix_receipts_agency_day', 'receipts', ['agency_code', 'day', 'id'])
    op.create_index('ix_receipts_day_id', 'receipts', ['day', 'id'])
    op.create_index('ix_receipts_procedure_day', 'receipts', ['procedure_code', 'day'])
    if postgres:
        op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
        op.execute(
            'CREATE INDEX ix_receipts_applicant_folded ON receipts USING gin (applicant_folded gin_trgm_ops)'
        )


def _backfill():
    """Copy each receipt's applicant, folded, from its current version."""
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        'SELECT r.id, v.snapshot FROM receipts r JOIN receipt_versions v '
        'ON v.receipt_id = r.id AND v.version = r.current_version'
    )).fetchall()
    update = sa.text('UPDATE receipts SET applicant_folded = :name, applicant_phone = :phone WHERE id = :id')
    for receipt_id, snapshot in rows:
        if isinstance(snapshot, str):
            snapshot = json.loads(snapshot)
        applicant = snapshot.get('applicant', {})
        bind.execute(update, {
            'id': receipt_id,
            'name': fold(applicant.get('name', '')),
            'phone': phone_key(applicant.get('phone', '')),
        })


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP INDEX IF EXISTS ix_receipts_applicant_folded')
    op.drop_index('ix_receipts_procedure_day', table_name='receipts')
    op.drop_index('ix_receipts_day_id', table_name='receipts')
    op.drop_index('ix_receipts_agency_day', table_name='receipts')
    op.drop_index('ix_receipts_applicant_phone', table_name='receipts')
    # Not in batch mode: SQLite (3.35+) drops a column in place, where copying `receipts` would
    # break the foreign keys that point at it.
    op.drop_column('receipts', 'applicant_phone')
    op.drop_column('receipts', 'applicant_folded')
    op.execute("UPDATE users SET role = 'admin' WHERE role = 'centre_admin'")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
    op.drop_table('audit_log')
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP FUNCTION IF EXISTS audit_log_append_only()')

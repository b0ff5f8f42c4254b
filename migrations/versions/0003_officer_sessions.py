"""officer sessions, login counters, agency-bound API keys

Revision ID: 0003_officer_sessions
Revises: 0002
Create Date: 2026-11-26 09:00:00.000000

Users get a session version (raised to end every session at once) and `disabled_at`; usernames
are rewritten in their normalised form (NFKC, case-folded, trimmed), the one that login and
`user create` look up. API keys get an optional agency and the time of their last use. The
`counters` table holds the login limits' counts when there is no Redis.
"""
import unicodedata

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_officer_sessions'
down_revision = '0002'
branch_labels = None
depends_on = None


def _normalized(username):
    # The same rule as receipts.domain.officers.normalize_username, copied so that this
    # migration keeps meaning what it meant when the code moves on.
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", username).casefold()).strip()


def _renamed_users():
    """Return {user id: normalised username} for the users whose name changes; refuse collisions."""
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("username", sa.String))
    rows = op.get_bind().execute(sa.select(users.c.id, users.c.username)).all()
    taken = {}
    for user_id, username in rows:
        name = _normalized(username)
        if name in taken:
            raise RuntimeError(
                f"usernames {taken[name]!r} and {username!r} become the same login {name!r}; "
                "rename one of them before upgrading"
            )
        taken[name] = username
    return {user_id: _normalized(username) for user_id, username in rows if _normalized(username) != username}


def _rename(renamed):
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("username", sa.String))
    for user_id, username in renamed.items():
        op.get_bind().execute(users.update().where(users.c.id == user_id).values(username=username))


def upgrade():
    # Checked before any change, so that a refusal leaves the database as it was, whatever the DDL.
    renamed = _renamed_users()

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('disabled_at', sa.DateTime(), nullable=True))

    _rename(renamed)

    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.add_column(sa.Column('agency_code', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('last_used_at', sa.DateTime(), nullable=True))
        batch_op.create_foreign_key('fk_api_keys_agency_code_agencies', 'agencies', ['agency_code'], ['code'])

    op.create_table('counters',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('ends_at', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )


def downgrade():
    op.drop_table('counters')

    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.drop_constraint('fk_api_keys_agency_code_agencies', type_='foreignkey')
        batch_op.drop_column('last_used_at')
        batch_op.drop_column('agency_code')

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('disabled_at')
        batch_op.drop_column('session_version')

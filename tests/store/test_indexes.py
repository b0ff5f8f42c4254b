"""Migration 0007: the index that keeps the admin's day list from reading every receipt."""

from __future__ import annotations

from sqlalchemy import inspect

from receipts import create_app
from receipts.extensions import db
from tests.store.test_migrations import _run
from tests.support import base_config, on_both_backends


def _indexes(url: str) -> dict[str, list[str]]:
    app = create_app(base_config(url))
    with app.app_context():
        found = {ix["name"]: ix["column_names"] for ix in inspect(db.engine).get_indexes("receipts")}
        db.session.remove()
        db.engine.dispose()
    return found


@on_both_backends
def test_the_day_index_comes_with_0007_and_goes_with_its_downgrade(app, database_url):
    assert _indexes(database_url)["ix_receipts_day"] == ["day", "agency_code", "sequence"]
    _run(database_url, ("downgrade", "0009_indexes-1"))  # whatever precedes it after merges
    assert "ix_receipts_day" not in _indexes(database_url)
    _run(database_url, ("upgrade", "head"))
    assert "ix_receipts_day" in _indexes(database_url)

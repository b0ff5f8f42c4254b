"""What tests build on: the example receipt, configurations, and factories for keys, officers and data."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask

from receipts import create_app
from receipts.config import ROOT
from receipts.domain.catalogue import Agency
from receipts.domain.localtime import LOCAL
from receipts.extensions import db
from receipts.schemas import files
from receipts.services import access, catalogue
from receipts.signing.passwords import hash_password
from receipts.store import people
from receipts.store.database import upgrade_schema, write_transaction

# `RECEIPTS_TEST_BACKEND=postgresql` runs every test on PostgreSQL; tests that matter on both
# databases carry `on_both_backends`, which on that pass runs (and names) PostgreSQL only.
DEFAULT_BACKEND = "postgresql" if os.environ.get("RECEIPTS_TEST_BACKEND") == "postgresql" else "sqlite"
BACKENDS = ["postgresql"] if DEFAULT_BACKEND == "postgresql" else ["sqlite", "postgresql"]
on_both_backends = pytest.mark.parametrize("backend", BACKENDS, indirect=True)
DEMO = ROOT / "data" / "demo"
DEMO_AGENCY = "000.00.04.H15"
OFFICER_PASSWORD = "mat-khau-dai-123"
# The province's example: the receipt was taken on 25 November 2020 at 16:19:50.
FIXED_NOW = datetime(2020, 11, 25, 16, 19, 50, tzinfo=LOCAL)
EXAMPLE: dict[str, Any] = {
    "agency_code": DEMO_AGENCY,
    "procedure_code": "1.000028.000.00.00.H15",
    "applicant": {
        "name": "Phan Quốc Hậu",
        "organization": "VNPT",
        "address": "06 Lê Duẩn, Phường Tân Tiến, Thành phố Buôn Ma Thuột, Tỉnh Đắk Lắk",
        "phone": "0946911303",
        "email": "",
    },
    "sets": 1,
    "received_at": "2020-11-25T16:19:50+07:00",
    "delivery": "counter",
    "officer_name": "Nguyễn Văn A",
}


def base_config(url: str, **extra: Any) -> dict[str, Any]:
    """Return the configuration tests run with."""
    return {
        "TESTING": True,
        "DATABASE_URL": url,
        "SECRET_KEYS": "test-key-old-0000,test-key-new-1111",
        "WARM_RENDERER": False,
        "RATELIMIT_ENABLED": False,
        "PUBLIC_URL": None,
        **extra,
    }


def migrate_to_head(url: str) -> None:
    """Create the schema with the project's migrations, as `init-db` does."""
    app = create_app(base_config(url))
    with app.app_context():
        upgrade_schema()
        db.engine.dispose()


def load_demo(app: Flask) -> None:
    """Load the demo agency and procedures."""
    with app.app_context():
        catalogue.load_agencies(files.read_agencies(DEMO / "agencies.json"))
        catalogue.load_procedures(files.read_procedures(DEMO / "procedures.json"))


def add_agency(app: Flask, code: str, unit_name: str = "BỘ PHẬN MỘT CỬA KHÁC") -> str:
    """Add an agency of the demo province; return its code."""
    agency = Agency(code, "UBND TỈNH ĐẮK LẮK", unit_name, "Đắk Lắk", (("07:00", "11:30"), ("13:30", "17:00")))
    with app.app_context():
        catalogue.load_agencies([agency])
    return code


def make_officer(
    app: Flask,
    username: str = "canbo",
    *,
    role: str = "officer",
    agency: str | None = DEMO_AGENCY,
    full_name: str = "",
    password: str = OFFICER_PASSWORD,
) -> str:
    """Create (or update) a user of any role, as the table allows; return the username."""
    with app.app_context(), write_transaction():
        people.upsert_officer(username, hash_password(password), role, agency, full_name)
    return username


def make_key(app: Flask, *scopes: str) -> str:
    """Create an API key with `scopes` and return it."""
    with app.app_context():
        return access.create_api_key("test", list(scopes), FIXED_NOW)


class Clock:
    """A clock that stands still until a test moves it (sessions, login limits and key use read it)."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        """Return the moment the clock shows."""
        return self.now

    def advance(self, **delta: float) -> None:
        """Move the clock forward by `timedelta(**delta)`."""
        self.now += timedelta(**delta)


def local_path(url: str) -> str:
    """Turn an absolute URL printed by the app into a path for the test client."""
    return "/" + url.split("://", 1)[1].split("/", 1)[1]

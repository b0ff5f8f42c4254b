"""What every fuzz test uses: hypothesis strategies for each field at the edges of its type (times at
any UTC offset at the ends of what Python represents, huge and negative numbers, text from every
Unicode category), the settings that keep a run bounded and repeatable, and the checks it makes.

Shared by the fuzz tests of the API, the counter's forms, the Zalo webhook and the CLI data files.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from flask import Flask
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from receipts.extensions import db

# Every offset ISO 8601 and Python accept, from -23:59 to +23:59, the ends and UTC most often.
OFFSETS = st.sampled_from([timedelta(hours=14), timedelta(hours=-14), timedelta(0)]) | st.timedeltas(
    min_value=-timedelta(hours=23, minutes=59), max_value=timedelta(hours=23, minutes=59)
).map(lambda d: timedelta(minutes=d // timedelta(minutes=1)))
EDGE_DATETIMES = st.sampled_from(
    [
        datetime.min,
        datetime.max,
        datetime(1999, 12, 31, 23, 59, 59),
        datetime(2000, 1, 1),
        datetime(2099, 12, 31, 23, 59, 59),
        datetime(2100, 1, 1),
    ]
)
NAIVE = EDGE_DATETIMES | st.datetimes()


def _iso(moment: datetime, offset: timedelta | None, style: int) -> str:
    if offset is None:
        return moment.isoformat()
    text = moment.replace(tzinfo=timezone(offset)).isoformat()
    return text.replace("+00:00", "Z") if style == 1 else text


# Times as clients write them: with an offset, with Z, without any; at and around the ends of datetime.
MOMENTS = st.builds(_iso, NAIVE, st.none() | OFFSETS, st.integers(0, 1)) | st.sampled_from(
    [
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00",
        "0001-01-01T00:00:00+23:59",
        "9999-12-31T23:59:59.999999-23:59",
        "0000-01-01T00:00:00",
        "10000-01-01T00:00:00",
        "2020-02-30T00:00:00",
        "2020-11-25T24:00:00",
        "2020-11-25T16:19:50+24:00",
        "2020-11-25T16:19:50+07:00:00.000001",
        "2020-11-25",
        "20201125T161950",
        "2020-W48-3T16:19",
        "",
        "Z",
    ]
)
# Dates of the data files, as text, at and around the ends of `date`.
DATES = st.dates().map(str) | st.sampled_from(
    ["0001-01-01", "9999-12-31", "0000-01-01", "2025-02-29", "2025-13-01"]
)
HOURS = st.times().map(lambda t: t.strftime("%H:%M")) | st.sampled_from(
    ["24:00", "23:60", "-1:00", "7:00", "07:00:00"]
)

# Integers at and past every bound a column or a schema may have, and numbers that are not integers.
INTEGERS = st.integers() | st.sampled_from(
    [0, -1, 1, 2**31 - 1, 2**31, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 10**100, -(10**100)]
)
NUMBERS = INTEGERS | st.floats() | st.sampled_from([1.0, 2.5, -0.0, 1e308, -1e308, 5e-324])

# Text from every category: controls, NUL, lone surrogates, format and private-use characters,
# combining marks, text that NFC changes or lengthens, direction marks and overrides.
SPECIAL = [
    "\x00",
    "\ud800",
    "\udfff",
    "\u200f",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\u200b",
    "e\u0301",
    "\u0958" * 200,
    "\u0344" * 100,
    "\ufb2c" * 70,
    "İ" * 130,
    "ß",
    "ǅ",
    "\U0010ffff",
    "\ue000",
    "０９４６９１１３０３",
    "\u0085" * 40,
    "\u3000x\u3000",
    " ",
    "",
    "Phan Quốc Hậu",
]
TEXTS = (
    st.text(st.characters(codec=None), max_size=60)
    | st.text(st.characters(codec="utf-8"), min_size=190, max_size=2100)
    | st.sampled_from(SPECIAL)
    | st.lists(st.sampled_from(SPECIAL), max_size=6).map("".join)
)
# Text a form can carry: whatever encodes to UTF-8 (a lone surrogate cannot be percent-encoded).
FORM_TEXTS = TEXTS.map(lambda s: s.encode("utf-8", "replace").decode("utf-8"))
SCALARS = st.none() | st.booleans() | NUMBERS | TEXTS | MOMENTS
JSON_VALUES: st.SearchStrategy[Any] = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXTS, inner, max_size=3),
    max_leaves=8,
)


# A value for a field: mostly of the field's own kind, sometimes anything at all.
def field_value(own: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Return values for one field: its own kind at its edges, or any JSON value."""
    return st.one_of(own, own, JSON_VALUES)


def fuzz_settings(examples: int) -> settings:
    """Seeded (derandomized), without a deadline or an example database: the same run every time."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


def row_counts(app: Flask) -> tuple[int, ...]:
    """Return the number of rows of every table (but the API keys', whose last use moves on its own)."""
    tables = [t for t in db.metadata.sorted_tables if t.name != "api_keys"]
    counts = (db.select(db.func.count()).select_from(t).scalar_subquery() for t in tables)
    with app.app_context():
        return tuple(db.session.execute(db.select(*counts)).one())


def assert_no_server_error(response: Any) -> None:
    """Fail on a 5xx, showing the start of the answer."""
    assert response.status_code < 500, response.get_data(as_text=True)[:500]

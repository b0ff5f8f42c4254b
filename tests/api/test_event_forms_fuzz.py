"""Whatever the back office sends as an event or an extension, the answer is a clear 200, 400, 409 or
422 and never a 500; a refused body changes nothing."""

from __future__ import annotations

from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

TEXT = st.text(st.characters(codec="utf-8"), max_size=80) | st.sampled_from(
    ["", " ", "\x00", "\u202e", "needs_supplement", "rejected", "2024-09-04T09:00:00+07:00", "9999-12-31"]
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
KEYS = ["status", "note", "at", "items", "officer_name", "handover", "reason", "working_days", "new_due_at"]
BODIES = st.dictionaries(st.sampled_from(KEYS), JSON | st.sampled_from([["x"], {"from": "A", "to": "B"}, 3]))
SETTINGS = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(body=BODIES)
def test_event_and_extension_bodies_never_fail(client, auth, issue, body):
    code = issue()["code"]
    before = client.get(f"/api/v1/dossiers/{code}").get_json()
    statuses = []
    for path in (f"/api/v1/dossiers/{code}/events", f"/api/v1/dossiers/{code}/extensions"):
        response = client.post(path, json=body, headers=auth)
        assert response.status_code in {200, 400, 409, 422}, response.get_data(as_text=True)[:500]
        if response.status_code != 200:
            assert "error" in response.get_json()
        statuses.append(response.status_code)
    if 200 not in statuses:
        assert client.get(f"/api/v1/dossiers/{code}").get_json() == before


@SETTINGS
@given(part=TEXT)
def test_form_links_never_fail(client, part):
    response = client.get(f"/mau/{quote(part, safe='')}.pdf")
    assert response.status_code < 500 and response.status_code != 200, response.status_code

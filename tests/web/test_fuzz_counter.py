"""The counter's forms, posted by a logged-in officer with the form's CSRF token, with every field at
the edges of its type: the receipt, or the form again with what to fix; never a 500, and nothing
stored when refused."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from receipts.schemas import examples
from tests.fuzzing import FORM_TEXTS, INTEGERS, MOMENTS, assert_no_server_error, fuzz_settings, row_counts
from tests.support import OFFICER_PASSWORD, make_officer
from tests.web.test_counter import OVERLOAD, filled_form, form_of

FIELDS = {
    "procedure_code": FORM_TEXTS | st.sampled_from([OVERLOAD.lower(), " " + OVERLOAD, "1.000028"]),
    "applicant.name": FORM_TEXTS,
    "applicant.organization": FORM_TEXTS,
    "applicant.address": FORM_TEXTS,
    "applicant.phone": FORM_TEXTS,
    "applicant.email": FORM_TEXTS,
    "documents.0.name": FORM_TEXTS,
    "documents.0.copies": INTEGERS.map(str) | FORM_TEXTS,
    "documents.0.form": FORM_TEXTS,
    "documents.0.on": FORM_TEXTS,
    "documents.0.listed": FORM_TEXTS,
    "documents.119.name": FORM_TEXTS,
    "sets": INTEGERS.map(str) | FORM_TEXTS,
    "delivery": FORM_TEXTS | st.sampled_from(["counter", "post", "online"]),
    "officer_name": FORM_TEXTS,
    "note": FORM_TEXTS,
    "received_at": MOMENTS.map(lambda m: m[:16]) | MOMENTS,
    "agency_code": FORM_TEXTS,
}
CHANGES = st.dictionaries(st.sampled_from(sorted(FIELDS)), st.none(), min_size=1, max_size=4).flatmap(
    lambda chosen: st.fixed_dictionaries({name: FIELDS[name] for name in chosen})
)
# Bytes no browser sends but anyone may: invalid UTF-8, a NUL, a field given twice.
RAW_TAILS = st.sampled_from(
    ["", "&applicant.name=%FF%FE", "&note=%00", "&sets=1&sets=2", "&%E0%A4=x", "&=&&"]
)


@pytest.fixture
def counter(app, client):
    """A client logged in through the form with its CSRF token on, as a browser is."""
    app.config["WTF_CSRF_ENABLED"] = True
    make_officer(app, full_name="Nguyễn Văn A")
    login = form_of(client.get("/quay/dang-nhap"), "/quay/dang-nhap")
    login |= {"username": "canbo", "password": OFFICER_PASSWORD}
    assert client.post("/quay/dang-nhap", data=login).status_code == 303
    return client


@pytest.fixture
def issued(counter):
    """Two receipts issued through the form (one to correct, one to revoke), and the form as filled."""
    data = filled_form(counter)
    codes = []
    for _ in range(2):
        response = counter.post("/quay/", data=data)
        assert response.status_code == 303
        codes.append(response.headers["Location"].rsplit("/", 1)[1])
    return codes, data


def _post(client, path: str, data: dict[str, str], tail: str):
    raw = urlencode(data) + tail
    return client.post(path, data=raw, content_type="application/x-www-form-urlencoded")


@pytest.mark.fuzz
@fuzz_settings(150)
@given(changes=CHANGES, tail=RAW_TAILS, where=st.sampled_from(["issue", "reissue", "revoke"]))
def test_any_counter_form_is_stored_or_shown_again_with_what_to_fix(
    app, counter, issued, changes, tail, where
):
    (corrected, revoked), filled = issued
    path = {
        "issue": "/quay/",
        "reissue": f"/quay/ho-so/{corrected}/dieu-chinh",
        "revoke": f"/quay/ho-so/{revoked}/thu-hoi",
    }
    data = (
        filled | changes
        if where != "revoke"
        else {"csrf_token": filled["csrf_token"], "reason": changes.popitem()[1]}
    )
    before = row_counts(app)
    response = _post(counter, path[where], data, tail)
    assert_no_server_error(response)
    # 302: a revoked receipt sends the officer back to it; 303: stored.
    assert response.status_code in (200, 302, 303, 400, 409, 422), response.status_code
    if response.status_code != 303:  # refused: nothing stored
        assert row_counts(app) == before
        assert response.status_code == 302 or response.mimetype == "text/html"


@pytest.mark.fuzz
@fuzz_settings(100)
@given(code=FORM_TEXTS | st.just(examples.DOSSIER), q=FORM_TEXTS, procedure=FIELDS["procedure_code"])
def test_any_counter_page_address_is_a_page_or_a_clear_refusal(counter, issued, code, q, procedure):
    args = {"q": q, "thu_tuc": procedure}
    part = quote(code, safe="")
    for path in (
        "/quay/",
        f"/quay/ho-so/{part}",
        f"/quay/ho-so/{part}/dieu-chinh",
        f"/quay/ho-so/{part}/thu-hoi",
    ):
        response = counter.get(path, query_string=args)
        assert_no_server_error(response)
        # 308: Werkzeug's redirect of an address with an empty segment ("/ho-so//…").
        assert response.status_code in (200, 302, 308, 400, 404), (path, response.status_code)


@pytest.fixture
def officer_exists(app):
    """CSRF on, and the officer made once (hashing the password is the slow part of a login)."""
    app.config["WTF_CSRF_ENABLED"] = True
    make_officer(app, full_name="Nguyễn Văn A")
    return app


@pytest.mark.fuzz
@fuzz_settings(60)
@given(username=FORM_TEXTS | st.just("canbo"), password=FORM_TEXTS, next_=FORM_TEXTS, tail=RAW_TAILS)
def test_any_login_with_the_forms_token_signs_in_or_is_refused_clearly(
    officer_exists, username, password, next_, tail
):
    client = officer_exists.test_client()
    login = form_of(client.get("/quay/dang-nhap"), "/quay/dang-nhap")
    login |= {"username": username, "password": password, "next": next_}
    response = _post(client, "/quay/dang-nhap", login, tail)
    assert_no_server_error(response)
    # 303 in (the officer's own password), 422 refused, 429 made to wait by the login limits.
    assert response.status_code in (303, 400, 422, 429), response.status_code
    if response.status_code == 303:
        assert response.headers["Location"].startswith("/")

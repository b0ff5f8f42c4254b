"""Who may open which counter page and take which action: every route against every kind of visitor.

The table is the specification: anonymous visitors go to the login form; officers act on their own
agency's dossiers only (another agency's dossier answers 404, as if unknown); only administrators
manage officers and read the audit log, an agency's administrator for their agency alone, a centre
administrator for every agency. A page added to the counter gets its row here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from receipts.store import people
from tests.support import DEMO_AGENCY, add_agency, make_officer

PASSWORD = "mat-khau-dai-123"
OTHER = "000.00.05.H15"
ROLES = ("anonymous", "officer", "other_officer", "agency_admin", "centre_admin")
LOGIN = "login"  # a redirect to the login form
ISSUE_FORM = {
    "procedure_code": "1.000028.000.00.00.H15",
    "applicant.name": "Trần Thị Bích",
    "applicant.phone": "0912345678",
    "documents.0.name": "Đơn đề nghị",
    "documents.0.listed": "1",
    "documents.0.on": "y",
    "documents.0.copies": "1",
    "documents.0.form": "Bản chính",
    "sets": "1",
    "delivery": "counter",
    "agency_code": DEMO_AGENCY,
}
REISSUE_FORM = ISSUE_FORM | {"applicant.phone": "0987654321"}


@dataclass(frozen=True)
class Row:
    """One page or action, and what each kind of visitor gets (a status, or LOGIN)."""

    method: str
    path: str
    answers: tuple[int | str, ...]
    data: dict[str, str] | None = None
    # For searches: whether the demo agency's dossier shows, per visitor (None: not asked).
    shows: tuple[bool | None, ...] = (None,) * 5


L = LOGIN
OWN_ONLY = (None, True, False, True, True)
WRONG_CHANGE = {"current": "sai", "new": "x", "repeated": "x"}
WRONG_LOGIN = {"username": "officer", "password": "sai-mat-khau"}
TABLE = [
    Row("GET", "/quay/", (L, 200, 200, 200, 200)),
    Row("POST", "/quay/", (L, 303, 303, 303, 303), ISSUE_FORM),
    Row("GET", "/quay/ho-so/{code}", (L, 200, 404, 200, 200)),
    Row("GET", "/quay/ho-so/{code}/in", (L, 302, 404, 302, 302)),
    Row("GET", "/quay/ho-so/{code}/dieu-chinh", (L, 200, 404, 200, 200)),
    Row("POST", "/quay/ho-so/{code}/dieu-chinh", (L, 303, 404, 303, 303), REISSUE_FORM),
    Row("GET", "/quay/ho-so/{code}/thu-hoi", (L, 200, 404, 200, 200)),
    Row("POST", "/quay/ho-so/{code}/thu-hoi", (L, 303, 404, 303, 303), {"reason": "Nhập sai"}),
    Row("GET", "/quay/tim-kiem?q={code}", (L, 200, 200, 200, 200), shows=OWN_ONLY),
    Row("GET", "/quay/tim-kiem?q=tran+thi+bich", (L, 200, 200, 200, 200), shows=OWN_ONLY),
    Row("GET", "/quay/ho-so/{code}/xu-ly", (L, 200, 404, 200, 200)),
    Row("POST", "/quay/ho-so/{code}/xu-ly", (L, 303, 404, 303, 303), {"status": "in_progress"}),
    # The example dossier of 2020 is long past its appointment: it may be extended (Mẫu 04).
    Row(
        "POST",
        "/quay/ho-so/{code}/gia-han",
        (L, 303, 404, 303, 303),
        {"reason": "Chờ xác minh", "working_days": "3"},
    ),
    Row("GET", "/quay/ho-so/{code}/phieu-kiem-soat.pdf", (L, 200, 404, 200, 200)),
    Row(
        "GET",
        f"/quay/xem-truoc?procedure_code=1.000028.000.00.00.H15&agency_code={DEMO_AGENCY}",
        (L, 200, 200, 200, 200),
    ),
    Row("GET", "/quay/thong-ke", (L, 200, 200, 200, 200)),
    Row("GET", "/quay/thong-ke/{slug}.{kind}", (L, 200, 200, 200, 200)),
    Row("GET", "/quay/thu-phi", (L, 200, 200, 200, 200)),
    Row("GET", "/quay/so-theo-doi", (L, 200, 200, 200, 200)),
    Row("GET", "/quay/thu-phi.csv", (L, 200, 200, 200, 200)),
    Row("GET", "/quay/nhat-ky", (L, 403, 403, 200, 200)),
    Row("GET", "/quay/nhat-ky.csv", (L, 403, 403, 200, 200)),
    Row("GET", "/quay/can-bo", (L, 403, 403, 200, 200)),
    Row("POST", "/quay/can-bo", (L, 403, 403, 201, 201), {"username": "moi", "agency_code": DEMO_AGENCY}),
    Row("POST", "/quay/can-bo/{colleague}/mat-khau", (L, 403, 403, 200, 200)),
    Row("POST", "/quay/can-bo/{colleague}/khoa", (L, 403, 403, 303, 303)),
    Row("POST", "/quay/can-bo/{colleague}/mo-khoa", (L, 403, 403, 303, 303)),
    Row("POST", "/quay/can-bo/{stranger}/mat-khau", (L, 403, 403, 404, 200)),
    Row("POST", "/quay/can-bo/{stranger}/khoa", (L, 403, 403, 404, 303)),
    Row("POST", "/quay/can-bo/{head}/mat-khau", (L, 403, 403, 404, 200)),
    Row("GET", "/quay/doi-mat-khau", (L, 200, 200, 200, 200)),
    Row("POST", "/quay/doi-mat-khau", (L, 422, 422, 422, 422), WRONG_CHANGE),
    Row("POST", "/quay/dang-xuat", (L, 303, 303, 303, 303)),
    Row("GET", "/quay/dang-nhap", (200, 302, 302, 302, 302)),
    Row("POST", "/quay/dang-nhap", (422, 422, 422, 422, 422), WRONG_LOGIN),
]
CASES = [pytest.param(row, role, id=f"{row.method} {row.path} as {role}") for row in TABLE for role in ROLES]


@pytest.fixture
def world(app, issue):
    """Two agencies, a dossier of the demo agency, and one account of each kind (plus targets)."""
    app.config["WTF_CSRF_ENABLED"] = False
    add_agency(app, OTHER)
    code = issue(applicant={"name": "Trần Thị Bích", "phone": "0912345678"})["code"]
    for name, role, agency in [
        ("officer", "officer", DEMO_AGENCY),
        ("other_officer", "officer", OTHER),
        ("agency_admin", "admin", DEMO_AGENCY),
        ("centre_admin", "centre_admin", None),
        ("colleague", "officer", DEMO_AGENCY),
        ("stranger", "officer", OTHER),
        ("head", "centre_admin", None),
    ]:
        make_officer(app, name, role=role, agency=agency, password=PASSWORD)
    with app.app_context():
        ids = {o.username: o.id for o in people.officers(None)}
    targets = {"colleague": ids["colleague"], "stranger": ids["stranger"], "head": ids["head"]}
    return {"code": code, **targets, "slug": "qua-han", "kind": "csv"}


@pytest.mark.parametrize(("row", "role"), CASES)
def test_each_counter_page_and_action_answers_each_kind_of_visitor_as_the_table_says(
    app, client, world, row, role
):
    if role != "anonymous":
        signed_in = client.post("/quay/dang-nhap", data={"username": role, "password": PASSWORD})
        assert signed_in.status_code == 303
    path = row.path.format(**world)
    response = client.open(path, method=row.method, data=row.data)
    expected = row.answers[ROLES.index(role)]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/quay/dang-nhap")
    else:
        assert response.status_code == expected, response.get_data(as_text=True)[:500]
    shows = row.shows[ROLES.index(role)]
    if shows is not None:
        assert (f'href="/quay/ho-so/{world["code"]}"' in response.get_data(as_text=True)) is shows


def test_no_route_of_the_counter_is_left_out_of_the_access_table(app):
    listed = {(row.method, row.path.split("?")[0]) for row in TABLE}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/quay"):
            continue
        path = rule.rule.replace("<code>", "{code}").replace("<int:officer_id>", "{colleague}")
        path = path.replace("<slug>", "{slug}").replace("<kind>", "{kind}")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (method, path) in listed, f"{method} {rule.rule} has no row in the access table"

"""/quay/thu-phi: each dossier's fee and payments, the day's collections per agency with CSV, and the
transfers an officer must settle."""

from __future__ import annotations

import csv
import io

import pytest

from tests.support import make_officer
from tests.web.test_counter import PASSWORD, log_in

FEE_PROCEDURE = "1.002835.000.00.00.H15"
DAY = "2020-11-25"


@pytest.fixture
def officer(app, client):
    """A client logged in as an officer of the demo agency; CSRF off, as in the counter's tests."""
    app.config["WTF_CSRF_ENABLED"] = False
    make_officer(app, "canbo", full_name="Nguyễn Văn A", password=PASSWORD)
    assert log_in(client, "canbo").status_code == 303
    return client


def pay(client, auth, code: str, amount: int, transaction_id: str, at: str = "2020-11-25T17:00:00+07:00"):
    body = {"amount": amount, "transaction_id": transaction_id, "paid_at": at}
    assert client.post(f"/api/v1/dossiers/{code}/payments", json=body, headers=auth).status_code == 200


def test_the_fee_sheet_shows_each_dossiers_fee_and_the_days_collections(officer, auth, issue):
    paid = issue(procedure_code=FEE_PROCEDURE)["code"]
    owing = issue(procedure_code=FEE_PROCEDURE)["code"]
    free = issue()["code"]
    pay(officer, auth, paid, 135000, "FT-1")
    pay(officer, auth, owing, 100000, "FT-2")
    pay(officer, auth, owing, 5000, "FT-3", at="2020-11-26T08:00:00+07:00")  # another day
    page = officer.get(f"/quay/thu-phi?ngay={DAY}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Thu phí, lệ phí ngày 25/11/2020" in html
    assert "000.00.04.H15: <b>235.000 đồng</b>" in html
    assert paid in html and owing in html and free not in html
    assert "<td>135.000 đồng</td><td>105.000 đồng</td><td>30.000 đồng</td>" in html
    assert "FT-1" in html and "FT-2" in html and "FT-3" not in html.split("Phí, lệ phí của từng hồ sơ")[0]


def test_the_days_collections_download_as_csv_in_whole_dong(officer, auth, issue):
    code = issue(procedure_code=FEE_PROCEDURE)["code"]
    pay(officer, auth, code, 135000, "FT-CSV")
    response = officer.get(f"/quay/thu-phi.csv?ngay={DAY}")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:4] == ["Mã giao dịch", "Mã hồ sơ", "Mã cơ quan", "Số tiền (đồng)"]
    assert rows[1][:4] == ["FT-CSV", code, "000.00.04.H15", "135000"]
    assert len(rows) == 2


def test_unmatched_and_wrong_amounts_are_listed_for_the_officer(app, officer, issue):
    from receipts.clock import now_local
    from receipts.services import payments
    from receipts.services.payments import Transfer

    code = issue(procedure_code=FEE_PROCEDURE)["code"]
    with app.app_context():
        moment = now_local()
        for transfer in [
            Transfer("FT-LOST", 50000, "chuyen tien hoc phi", moment),
            Transfer("FT-SHORT", 134999, f"thanh toan {code}", moment),
        ]:
            payments.receive_transfer(transfer, moment, None)
    html = officer.get(f"/quay/thu-phi?ngay={DAY}").get_data(as_text=True)
    review = html.split("Khoản chuyển cần xử lý")[1]
    assert "FT-LOST" in review and "Không tìm thấy hồ sơ" in review and "chuyen tien hoc phi" in review
    assert "FT-SHORT" in review and "Chuyển thiếu" in review and code in review


def test_the_fee_sheet_is_for_officers_only(client):
    assert client.get("/quay/thu-phi").status_code in {302, 303}
    assert client.get("/quay/thu-phi.csv").status_code in {302, 303}


def test_a_day_that_is_not_a_date_shows_today(officer):
    assert officer.get("/quay/thu-phi?ngay=hôm-qua").status_code == 200

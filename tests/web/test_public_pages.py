"""Pages anyone can open: the redacted lookup the bot links to, and the procedure catalogue."""

from __future__ import annotations

from tests.support import local_path


def test_the_lookup_page_shows_the_status_but_no_personal_data(client, issue):
    code = issue()["code"]
    page = client.get(f"/tra-cuu/{code}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Được tiếp nhận" in text and "Chiều ngày 09/12/2020" in text and "P*** Q*** H***" in text
    for secret in ["Phan Quốc Hậu", "PHAN QUỐC HẬU", "0946911303", "Lê Duẩn", "VNPT"]:
        assert secret not in text


def test_the_last_four_digits_of_the_phone_unlock_the_full_receipt(client, issue):
    body = issue()
    response = client.post(f"/tra-cuu/{body['code']}", data={"digits": "1303"})
    assert response.status_code == 303
    assert response.headers["Location"] == body["verify_url"]
    assert "PHAN QUỐC HẬU" in client.get(local_path(response.headers["Location"])).get_data(as_text=True)


def test_wrong_digits_unlock_nothing(client, issue):
    code = issue()["code"]
    for digits in ["0000", "130", "13033", "", "abcd"]:
        response = client.post(f"/tra-cuu/{code}", data={"digits": digits})
        assert response.status_code == 422
        assert "0946911303" not in response.get_data(as_text=True)


def test_wrong_guesses_are_limited_per_dossier(make_app, issue):
    code = issue()["code"]
    limited = make_app(RATELIMIT_ENABLED=True).test_client()
    statuses = [limited.post(f"/tra-cuu/{code}", data={"digits": f"{n:04d}"}).status_code for n in range(12)]
    assert statuses[:10] == [422] * 10
    assert statuses[-1] == 429
    assert limited.post(f"/tra-cuu/{code}", data={"digits": "1303"}).status_code == 429


def test_an_unknown_code_gets_a_404_page(client):
    for code in ["000.00.04.H15-201125-0009", "abc", "<script>"]:
        response = client.get(f"/tra-cuu/{code}")
        assert response.status_code == 404
        assert "<script>" not in response.get_data(as_text=True)


def test_the_catalogue_finds_procedures_without_diacritics_and_shows_one(client):
    text = client.get("/thu-tuc", query_string={"q": "trich luc ho tich"}).get_data(as_text=True)
    assert "Cấp bản sao trích lục hộ tịch" in text
    assert "lưu hành xe" not in text
    page = client.get("/thu-tuc/1.004088.000.00.00.H15")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert (
        "8 giờ làm việc" in body and "8.000 đồng" in body and "Tờ khai cấp bản sao trích lục hộ tịch" in body
    )
    assert client.get("/thu-tuc/9.999").status_code == 404
    assert "Cấp xã" in client.get("/thu-tuc", query_string={"level": "commune"}).get_data(as_text=True)


def test_spelling_the_code_differently_does_not_reset_the_guess_limit(make_app, issue):
    code = issue()["code"]
    limited = make_app(RATELIMIT_ENABLED=True).test_client()
    spellings = [
        code,
        code.lower(),
        "%23" + code,
        "%23%23" + code,
        "%20" + code,
        code.replace("-0001", "-00001"),
    ]
    statuses = [
        limited.post(f"/tra-cuu/{spellings[n % len(spellings)]}", data={"digits": f"{n:04d}"}).status_code
        for n in range(12)
    ]
    assert statuses[:10] == [422] * 10
    assert statuses[10:] == [429, 429]
    assert limited.post(f"/tra-cuu/{code.lower()}", data={"digits": "1303"}).status_code == 429

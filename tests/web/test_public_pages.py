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


def test_wrong_guesses_are_counted_before_the_check_and_then_wait_with_backoff(client, issue, clock):
    code = issue()["code"]
    statuses = [client.post(f"/tra-cuu/{code}", data={"digits": f"{n:04d}"}).status_code for n in range(8)]
    # Five free tries, then a gate that lets one through and shuts for 2 s, then 4 s, …
    assert statuses == [422] * 6 + [429, 429]
    refused = client.post(f"/tra-cuu/{code}", data={"digits": "1303"})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 2
    assert "quét mã QR" in refused.get_data(as_text=True)
    clock.advance(seconds=16)
    assert client.post(f"/tra-cuu/{code}", data={"digits": "1303"}).status_code == 303


def test_a_stranger_guessing_does_not_lock_the_applicant_out(make_app, issue, clock):
    code = issue()["code"]
    stranger = make_app().test_client()
    for n in range(10):
        stranger.post(
            f"/tra-cuu/{code}", data={"digits": f"{n:04d}"}, environ_base={"REMOTE_ADDR": "10.0.0.9"}
        )
    applicant = make_app().test_client()
    answer = applicant.post(
        f"/tra-cuu/{code}", data={"digits": "1303"}, environ_base={"REMOTE_ADDR": "10.0.0.1"}
    )
    assert answer.status_code == 303


def test_one_address_gets_thirty_tries_a_day_across_all_dossiers(client, issue, clock):
    from receipts.domain.unlocks import ADDRESS_TRIES

    codes = [issue()["code"] for _ in range(ADDRESS_TRIES // 5 + 1)]
    statuses = [
        client.post(f"/tra-cuu/{c}", data={"digits": f"{n:04d}"}).status_code for c in codes for n in range(5)
    ]
    assert statuses[:ADDRESS_TRIES] == [422] * ADDRESS_TRIES
    assert set(statuses[ADDRESS_TRIES:]) == {429}
    clock.advance(hours=24, seconds=1)
    assert client.post(f"/tra-cuu/{codes[-1]}", data={"digits": "1303"}).status_code == 303


def test_a_dossier_gets_fifty_tries_a_day_from_every_address_together(client, issue, clock):
    from receipts.domain.unlocks import DOSSIER_TRIES

    code = issue()["code"]
    addresses = [f"10.1.{n // 200}.{n % 200}" for n in range(DOSSIER_TRIES + 1)]
    statuses = [
        client.post(f"/tra-cuu/{code}", data={"digits": "0000"}, environ_base={"REMOTE_ADDR": a}).status_code
        for a in addresses
    ]
    assert statuses == [422] * DOSSIER_TRIES + [429]


def test_parallel_guesses_from_two_app_processes_reach_the_check_only_as_the_limits_allow(
    make_app, issue, clock
):
    from concurrent.futures import ThreadPoolExecutor

    code = issue()["code"]
    apps = [make_app(), make_app()]

    def guess(n: int) -> int:
        client = apps[n % 2].test_client()
        return client.post(f"/tra-cuu/{code}", data={"digits": f"{n:04d}"}).status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(guess, range(40)))
    assert statuses.count(422) <= 6 and statuses.count(429) >= 34, statuses


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


def test_spelling_the_code_differently_does_not_reset_the_guess_limit(client, issue, clock):
    code = issue()["code"]
    spellings = [
        code,
        code.lower(),
        "%23" + code,
        "%23%23" + code,
        "%20" + code,
        code.replace("-0001", "-00001"),
    ]
    statuses = [
        client.post(f"/tra-cuu/{spellings[n % len(spellings)]}", data={"digits": f"{n:04d}"}).status_code
        for n in range(8)
    ]
    assert statuses == [422] * 6 + [429, 429]
    assert client.post(f"/tra-cuu/{code.lower()}", data={"digits": "1303"}).status_code == 429


def test_two_app_servers_sharing_redis_share_the_unlock_counts(make_app, issue, clock, redis_url):
    import uuid

    code = issue()["code"]
    config = {"REDIS_URL": redis_url, "RATELIMIT_KEY_PREFIX": uuid.uuid4().hex}
    first, second = make_app(**config).test_client(), make_app(**config).test_client()
    statuses = [
        (first if n % 2 else second).post(f"/tra-cuu/{code}", data={"digits": f"{n:04d}"}).status_code
        for n in range(8)
    ]
    assert statuses == [422] * 6 + [429, 429]


def test_an_answer_to_a_request_without_cookies_does_not_vary_on_them(app, issue):
    """The citizen's page and the status API read no session when no cookie came (no `Vary: Cookie`,
    no session work); an officer's pages do."""
    from tests.support import logged_in_officer

    body = issue()
    for path in (local_path(body["verify_url"]), f"/api/v1/dossiers/{body['code']}"):
        for _ in range(2):  # a first view and a kept one
            assert "Cookie" not in app.test_client().get(path).headers.get("Vary", ""), path
    officer = logged_in_officer(app, app.test_client())
    assert "Cookie" in officer.get("/quay").headers.get("Vary", "")


def test_an_app_with_limits_off_is_not_limited_beside_one_with_limits_on(client, make_app, issue):
    """Flask-Limiter keeps one on/off switch for every app in a process, set by the last one made:
    each app's own RATELIMIT_ENABLED decides, and the look-up allows 60 a minute where it is on."""
    code = issue()["code"]
    limited = make_app(RATELIMIT_ENABLED=True).test_client()  # made after `client`'s app (limits off)
    assert {client.get(f"/tra-cuu/{code}").status_code for _ in range(70)} == {200}
    answers = [limited.get(f"/tra-cuu/{code}").status_code for _ in range(61)]
    assert answers == [200] * 60 + [429]

"""Login limits that hold: counted before the password check, shared by processes, per name and address."""

from __future__ import annotations

import multiprocessing
import threading
import uuid

import pytest

from tests.support import FIXED_NOW, base_config, make_officer, on_both_backends

PASSWORD = "mat-khau-dai-123"
WRONG = "sai-mat-khau"
FREE_TRIES = 5


def log_in(client, username: str = "canbo", password: str = WRONG, address: str = "203.0.113.7"):
    return client.post(
        "/quay/dang-nhap",
        data={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


@pytest.fixture
def client(app, client):
    app.config["WTF_CSRF_ENABLED"] = False
    make_officer(app, "canbo")
    return client


def test_spellings_of_one_username_share_its_account_and_its_count(client, clock):
    spellings = [" canbo", "CanBo", "canbo\u00a0", "\u00a0CANBO ", "ｃａｎｂｏ"]
    for spelling in spellings:
        assert log_in(client, spelling).status_code == 422
    refused = log_in(client, "canbo", PASSWORD)
    assert refused.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in refused.get_data(as_text=True)
    clock.advance(seconds=2)
    assert log_in(client, "\u00a0CanBo ", PASSWORD).status_code == 303


def test_after_five_failures_each_try_waits_twice_as_long_and_never_for_ever(client, clock):
    assert [log_in(client).status_code for _ in range(FREE_TRIES)] == [422] * FREE_TRIES
    refused = log_in(client)
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 15 * 60
    clock.advance(seconds=2)
    assert log_in(client).status_code == 422, "two seconds later the next try reaches the password"
    assert log_in(client).status_code == 429
    clock.advance(seconds=4)
    assert log_in(client).status_code == 429, "the waits grow with every try"
    for _ in range(200):  # someone hammers the name
        assert log_in(client).status_code == 429
    clock.advance(minutes=15)
    assert log_in(client, password=PASSWORD).status_code == 303, "the wait is capped: the officer gets in"
    assert client.post("/quay/dang-xuat").status_code == 303
    assert [log_in(client).status_code for _ in range(FREE_TRIES)] == [422] * FREE_TRIES, "success resets"


def test_one_locked_name_does_not_lock_out_colleagues_behind_the_same_address(app, client, clock):
    make_officer(app, "canbo2")
    for _ in range(20):
        log_in(client)
    assert log_in(client, "canbo2", PASSWORD).status_code == 303


def test_one_address_gets_fifty_tries_in_fifteen_minutes_across_names(app, client, clock):
    statuses = [log_in(client, f"khong-co-{n}").status_code for n in range(50)]
    assert statuses == [422] * 50
    assert log_in(client, "canbo", PASSWORD).status_code == 429
    assert log_in(client, "canbo", PASSWORD, address="198.51.100.9").status_code == 303
    clock.advance(minutes=15)
    client.post("/quay/dang-xuat")
    assert log_in(client, "canbo", PASSWORD).status_code == 303


def test_blank_or_control_character_names_are_refused_without_counting(client, clock):
    for username in ["", "   ", "\u00a0", "can\x00bo", "can\u200bbo", "can\rbo"]:
        for _ in range(3):
            assert log_in(client, username).status_code == 422
    assert log_in(client, "canbo", PASSWORD).status_code == 303


def _attempts(url: str, config: dict, barrier, out, threads: int, per_thread: int) -> None:
    """One app server (a worker): `threads` browsers, each trying wrong passwords for one name."""
    import receipts.clock
    from receipts import create_app

    # Every process agrees on the moment, so the test does not depend on how fast it runs.
    receipts.clock.now_local = lambda: FIXED_NOW
    app = create_app(base_config(url, WTF_CSRF_ENABLED=False, **config))
    statuses: list[int] = []

    def browser() -> None:
        client = app.test_client()
        log_in(client, "warm-up-" + uuid.uuid4().hex, address="192.0.2.1")
        barrier.wait(120)  # every browser of both processes at once
        statuses.extend(log_in(client, "canbo").status_code for _ in range(per_thread))

    workers = [threading.Thread(target=browser) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    out.put(statuses)


def _parallel_wrong_passwords(database_url: str, config: dict) -> list[int]:
    context = multiprocessing.get_context("spawn")
    barrier, out = context.Barrier(2 * 4), context.Queue()
    processes = [
        context.Process(target=_attempts, args=(database_url, config, barrier, out, 4, 5)) for _ in range(2)
    ]
    for process in processes:
        process.start()
    statuses = [status for _ in processes for status in out.get(timeout=180)]
    for process in processes:
        process.join(30)
    return statuses


@on_both_backends
def test_forty_parallel_wrong_passwords_in_two_processes_reach_the_check_at_most_five_times(
    app, database_url
):
    make_officer(app, "canbo")
    statuses = _parallel_wrong_passwords(database_url, {})
    assert len(statuses) == 40
    assert set(statuses) <= {422, 429}
    assert statuses.count(422) <= FREE_TRIES, statuses
    assert statuses.count(422) >= 1


def test_forty_parallel_wrong_passwords_counted_in_redis_reach_the_check_at_most_five_times(
    app, database_url, redis_url
):
    make_officer(app, "canbo")
    config = {"REDIS_URL": redis_url, "RATELIMIT_KEY_PREFIX": uuid.uuid4().hex}
    statuses = _parallel_wrong_passwords(database_url, config)
    assert len(statuses) == 40
    assert set(statuses) <= {422, 429}
    assert 1 <= statuses.count(422) <= FREE_TRIES, statuses


def test_login_counts_never_live_in_process_memory(make_app, redis_url, clock):
    from receipts.store import counters

    prefix = uuid.uuid4().hex
    first = make_app(REDIS_URL=redis_url, RATELIMIT_KEY_PREFIX=prefix)
    second = make_app(REDIS_URL=redis_url, RATELIMIT_KEY_PREFIX=prefix)
    with first.app_context():
        assert counters.hit("shared", 60, clock()) == 1
    with second.app_context():
        assert counters.hit("shared", 60, clock()) == 2
    alone = make_app(REDIS_URL=None)
    with alone.app_context():
        assert counters.hit("shared", 60, clock()) == 1, "without Redis the database counts"


def test_with_its_redis_down_a_login_is_refused_with_503_never_let_through_uncounted(make_app, app):
    make_officer(app, "canbo")
    client = make_app(REDIS_URL="redis://127.0.0.1:1/0", WTF_CSRF_ENABLED=False).test_client()
    response = log_in(client, "canbo", PASSWORD)
    assert response.status_code == 503
    assert client.get("/quay/").status_code == 302

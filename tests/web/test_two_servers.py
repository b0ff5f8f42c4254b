"""Two app servers (gunicorn, 2 workers each) sharing PostgreSQL and Redis, as a province runs them."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import pytest

from tests.servers import call, gunicorn
from tests.support import DEMO_AGENCY, EXAMPLE, make_key

COUNT = 100  # the benchmark (benchmarks/bench_servers.py) issues 1,000


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_two_servers_issue_gapless_numbers_verify_each_others_qr_and_share_limits(
    app, database_url, redis_url
):
    key = make_key(app, "issue")
    shared = {"SECRET_KEYS": "khoa-chung-1", "REDIS_URL": redis_url}
    shared["RATELIMIT_KEY_PREFIX"] = uuid.uuid4().hex
    with ExitStack() as stack:
        servers = [stack.enter_context(gunicorn(database_url, workers=2, **shared)) for _ in range(2)]

        def issue(n: int) -> tuple[int, dict]:
            body = {**EXAMPLE, "applicant": {"name": f"Người nộp số {n}", "phone": "0946911303"}}
            status, answer = call(servers[n % 2] + "/api/v1/receipts", body, key)
            assert status == 201, answer
            return n % 2, answer

        with ThreadPoolExecutor(16) as pool:
            issued = list(pool.map(issue, range(COUNT)))
        codes = sorted(answer["code"] for _, answer in issued)
        assert codes == [f"{DEMO_AGENCY}-201125-{n:04d}" for n in range(1, COUNT + 1)]

        def verify_elsewhere(item: tuple[int, dict]) -> tuple[int, str]:
            server, answer = item
            token = answer["verify_url"].rsplit("/r/", 1)[1]
            status, page = call(f"{servers[1 - server]}/r/{token}")
            return status, answer["code"] if answer["code"] in page and "hợp lệ" in page else ""

        with ThreadPoolExecutor(8) as pool:
            checked = list(pool.map(verify_elsewhere, issued))
        assert checked == [(200, answer["code"]) for _, answer in issued]

        # 60 look-ups a minute per address, counted in Redis across both servers.
        lookup = f"/api/v1/dossiers/{codes[0]}"
        answers = [call(servers[n % 2] + lookup)[0] for n in range(60)]
        assert answers == [200] * 60
        assert call(servers[0] + lookup)[0] == 429
        assert call(servers[1] + lookup)[0] == 429

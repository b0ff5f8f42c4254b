"""Two app servers (gunicorn, 2 workers each) sharing PostgreSQL and Redis issue 1,000 receipts for
one agency and day at once; the numbers must come out gapless and each server must verify the
other's QR codes. The suite runs the same with 100 (tests/web/test_two_servers.py).

    .venv/bin/python -m benchmarks.bench_servers [--count 1000] [--threads 16]

Rate limits are on and shared through Redis (`RECEIPTS_TEST_REDIS_URL`, a fresh key prefix), as in
production: issuing with an API key is not limited, the QR page is (120 a minute per address), so
100 of the codes are opened on the other server and every token is checked against the shared key.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from typing import Any

from benchmarks import load_data
from receipts.signing.tokens import TokenSigner
from tests.servers import call, gunicorn
from tests.support import DEMO_AGENCY, EXAMPLE

REDIS = os.environ.get("RECEIPTS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
OPENED = 100


def issue_all(servers: list[str], key: str, count: int, threads: int) -> tuple[list[tuple[int, Any]], float]:
    """Issue `count` receipts through the servers in turn from `threads` threads; return them and the time."""

    def issue(n: int) -> tuple[int, Any]:
        body = {**EXAMPLE, "applicant": {"name": f"Người nộp số {n}", "phone": "0946911303"}}
        status, answer = call(servers[n % 2] + "/api/v1/receipts", body, key)
        if status != 201:
            raise RuntimeError(f"issuing answered {status}: {answer}")
        return n % 2, answer

    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        issued = list(pool.map(issue, range(count)))
    return issued, time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    """Run the two servers, issue, check and print the result."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    default_pg = os.environ.get(
        "RECEIPTS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    parser.add_argument("--postgres", default=default_pg)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args(argv)
    settings = {
        "SECRET_KEYS": load_data.BENCH_KEY,
        "REDIS_URL": REDIS,
        "RATELIMIT_KEY_PREFIX": uuid.uuid4().hex,
    }
    with ExitStack() as stack:
        url = stack.enter_context(load_data.fresh_database(args.postgres))
        key = load_data.prepare(url)["key"]  # one receipt of today issued: these take 2001… of 25/11/2020
        servers = [stack.enter_context(gunicorn(url, workers=2, **settings)) for _ in range(2)]
        issued, seconds = issue_all(servers, key, args.count, args.threads)
        codes = sorted(answer["code"] for _, answer in issued)
        gapless = codes == [f"{DEMO_AGENCY}-201125-{n:04d}" for n in range(1, args.count + 1)]
        signer = TokenSigner([load_data.BENCH_KEY])
        signed = sum(signer.verify(a["verify_url"].rsplit("/r/", 1)[1]) is not None for _, a in issued)
        opened = [
            call(f"{servers[1 - s]}/r/{a['verify_url'].rsplit('/r/', 1)[1]}")[0] for s, a in issued[:OPENED]
        ]
    print(
        f"{args.count} receipts through 2 servers × 2 workers ({args.threads} clients): {seconds:.1f} s, "
        f"{args.count / seconds:.0f} receipts/s; gapless: {'yes' if gapless else 'NO'}; "
        f"tokens valid: {signed}/{args.count}; opened on the other server: "
        f"{opened.count(200)}/{len(opened)} answered 200"
    )
    if not (gapless and signed == args.count and opened.count(200) == len(opened)):
        sys.exit(1)


if __name__ == "__main__":
    main()

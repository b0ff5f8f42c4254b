"""Rate limits shared through Redis by several app servers (RECEIPTS_REDIS_URL)."""

from __future__ import annotations

import uuid

SECOND_SERVER = """
import sys
from receipts import create_app
from tests.support import base_config
url, redis_url, prefix, code = sys.argv[1:]
app = create_app(base_config(url, REDIS_URL=redis_url, RATELIMIT_ENABLED=True, RATELIMIT_KEY_PREFIX=prefix))
print(app.test_client().get(f"/api/v1/dossiers/{code}").status_code)
"""


def test_two_app_servers_count_one_citizen_together(make_app, database_url, issue, redis_url):
    import subprocess
    import sys

    from receipts.config import ROOT

    code = issue()["code"]
    prefix = uuid.uuid4().hex
    first = make_app(REDIS_URL=redis_url, RATELIMIT_ENABLED=True, RATELIMIT_KEY_PREFIX=prefix).test_client()
    assert {first.get(f"/api/v1/dossiers/{code}").status_code for _ in range(60)} == {200}
    # Another process (another app server) sees the same count through Redis.
    args = [sys.executable, "-c", SECOND_SERVER, database_url, redis_url, prefix, code]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "429", done.stderr
    args[-2] = uuid.uuid4().hex  # a fresh count elsewhere is not limited: the 429 came from Redis
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "200", done.stderr

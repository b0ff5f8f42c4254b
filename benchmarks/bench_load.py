"""Load test: wrk against gunicorn (the repo's gunicorn.conf.py) on 127.0.0.1, PostgreSQL behind it.

    .venv/bin/python -m benchmarks.bench_load                 # 1,000 beside 1,000,000 receipts, ~12 min
    .venv/bin/python -m benchmarks.bench_load --rows 100000   # a smaller large database
    .venv/bin/python -m benchmarks.bench_load --explain-only  # the query plans at 1,000 and at --rows

Side by side in one run, 16 connections each, one after the other, in `--rounds` rounds, every
measure right after a run of the bare endpoint (each measure's best round is reported, see
`measure`, its ratio to the bare run just before it, and its first round: the first views of
random receipts render them): a bare Flask endpoint under the same gunicorn settings (the ceiling);
the receipt page `/r/<token>` and the redacted look-up `/tra-cuu/<code>` of random receipts, each
on a database of 1,000 receipts and on one of `--rows` (two servers, one per database); the same
receipt page again, then on a third server that reads the live state at every view
(`RECEIPTS_LIVE_TRUST_SECONDS=0`, no kept states); the PDF again (one receipt, rendered by each
worker before the load); issuing (`POST /api/v1/receipts`, one agency and day, so every request
waits for the same day's number, into the large database). Rate limits are off
(`RECEIPTS_RATELIMIT_ENABLED=false`): one address sends everything. A run in which one gunicorn
worker accepted every connection is run again (`wrk`). The query plans of the page,
the look-up and the counter's day list go to stderr.
Needs `wrk` (Debian's package) and PostgreSQL (`--postgres`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from benchmarks import load_data
from tests.servers import call, gunicorn
from tests.support import EXAMPLE

CONNECTIONS = 16
# A run counts when every worker used at least this share of the workers' mean CPU; else it runs
# again, `TRIES` times at most (see `wrk`).
BALANCED, TRIES = 0.5, 5
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
RANDOM_PATHS = """
local paths = {%s}
local n = 0
setup = function(thread) n = n + 1; thread:set("seed", n) end
init = function() math.randomseed(seed * 7919) end
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
"""
# A long bracket keeps the body's UTF-8 as it is (LuaJIT knows no \\u escapes).
ISSUE = """
wrk.method = "POST"
wrk.body = [==[%s]==]
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer %s"
"""
BARE, PAGE, LOOKUP = (
    "bare Flask endpoint (ceiling)",
    "receipt page /r/<token>",
    "redacted look-up /tra-cuu/<code>",
)


def lua_string(text: str) -> str:
    """Quote `text` as a Lua string literal."""
    return json.dumps(text, ensure_ascii=True)


def wrk(url: str, script: str, seconds: int, folder: Path) -> dict[str, float]:
    """Run wrk for `seconds` with a Lua script, again while one worker holds the connections (at most
    `TRIES` runs); return requests/s, p50, p99 (ms), errors, and how many runs were redone.

    wrk opens its 16 connections at once and keeps them; each stays with the gunicorn worker that
    accepted it, and now and then one worker accepts all of them while the other idles: the server
    then serves about a third of what it serves with both busy (seen on the bare endpoint as on the
    pages: the "noise" of earlier runs). Such a run measures the accept race, not the server.
    """
    path = folder / f"script{len(list(folder.iterdir()))}.lua"
    path.write_text(script, encoding="utf-8")
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "-s", str(path), url]
    pids, redone = workers(url), 0
    while True:
        before = [cpu_ticks(pid) for pid in pids]
        out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60).stdout  # noqa: S603
        used = [cpu_ticks(pid) - then for pid, then in zip(pids, before, strict=True)]
        if min(used) >= BALANCED * sum(used) / len(used) or redone == TRIES - 1:
            break
        redone += 1
        print(f"  (one worker held the connections, CPU {used}: run again)", file=sys.stderr, flush=True)
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors: .*", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(latency["50"]),
        "p99": _ms(latency["99"]),
        "requests": float(re.search(r"(\d+) requests in", out).group(1)),
        "errors": float(errors.group(1)) if errors else 0.0,
        "socket_errors": 1.0 if sockets else 0.0,
        "redone": float(redone),
    }


def workers(url: str) -> list[int]:
    """Return the process ids of the gunicorn workers listening at `url` (its arbiter left out)."""
    command = ["ss", "-ltnpH", f"sport = :{urlsplit(url).port}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    listening = {int(pid) for pid in re.findall(r"pid=(\d+)", out)}
    return sorted(pid for pid in listening if _stat(pid)[1] in listening)


def cpu_ticks(pid: int) -> int:
    """Return the CPU time (user + system, in clock ticks) process `pid` has used so far."""
    fields = _stat(pid)
    return fields[11] + fields[12]


def _stat(pid: int) -> list[int]:
    # /proc/<pid>/stat after the command name: state, ppid, …; numbers from the ppid on.
    rest = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return [0, *(int(field) for field in rest[1:])]


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * UNITS[unit]


def random_paths(paths: list[str]) -> str:
    """Return a wrk script that asks for one of `paths` at random each time."""
    return RANDOM_PATHS % ", ".join(lua_string(p) for p in paths)


def scripts(servers: dict[str, str], small: dict[str, Any], large: dict[str, Any], rows: int) -> dict:
    """Return each measure's URL and wrk script, in the order they run in every round."""
    app, big = servers["app"], servers["large"]
    pages = {size: [f"/r/{t}" for t, _ in data["sample"]] for size, data in (("1k", small), ("big", large))}
    looks = {
        size: [f"/tra-cuu/{c}" for _, c in data["sample"]] for size, data in (("1k", small), ("big", large))
    }
    body = json.dumps(EXAMPLE, ensure_ascii=False)
    return {
        BARE: (servers["bare"], random_paths(["/"])),
        PAGE: (app, random_paths(pages["1k"])),
        f"{PAGE}, {rows:,} stored": (big, random_paths(pages["big"])),
        LOOKUP: (app, random_paths(looks["1k"])),
        f"{LOOKUP}, {rows:,} stored": (big, random_paths(looks["big"])),
        "the same receipt page again": (app, random_paths(pages["1k"][:1])),
        "the same, live state read at every view (`RECEIPTS_LIVE_TRUST_SECONDS=0`)": (
            servers["strict"],
            random_paths(pages["1k"][:1]),
        ),
        "the PDF again /r/<token>.pdf": (app, random_paths([f"/r/{small['token']}.pdf"])),
        # Into the large database, so that the receipts it adds change neither size much.
        f"issuing POST /api/v1/receipts, {rows:,} stored": (
            big + "/api/v1/receipts",
            ISSUE % (body, large["key"]),
        ),
    }


def measure(plan: dict[str, tuple[str, str]], rounds: int, seconds: int, folder: Path) -> dict:
    """Run every measure once per round, each right after a run of the bare endpoint; return each
    one's best round, with its ratio to bare.

    Best, not median: the best of several rounds is each server's speed without what else the
    machine did meanwhile (a run in which one worker held every connection is run again, `wrk`).
    The ratio to bare is the median over rounds of each run against the bare run just before it,
    so that the two share the machine's state of the moment ("paired"); the ratio of the two best
    rounds is kept beside it.
    """
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in plan}
    paired: dict[str, list[float]] = {name: [] for name in plan}
    for number in range(rounds):
        for name in plan:
            if name == BARE:  # its runs are the ones before each measure
                continue
            for label in (BARE, name):
                run = runs[label]
                run.append(wrk(*plan[label], seconds, folder))
                print(f"  round {number + 1} {label}: {json.dumps(run[-1])}", file=sys.stderr, flush=True)
            paired[name].append(runs[name][-1]["rps"] / runs[BARE][-1]["rps"])
    best = {name: max(results, key=lambda r: r["rps"]) for name, results in runs.items()}
    for name, result in best.items():
        result["best_ratio"] = result["rps"] / best[BARE]["rps"]
        result["ratio"] = statistics.median(paired[name]) if paired[name] else 1.0
        result["first"] = runs[name][0]["rps"]
        result["errors"] = sum(r["errors"] for r in runs[name])
        result["redone"] = sum(r["redone"] for r in runs[name])
        result["runs"] = len(runs[name])
    return best


def machine() -> str:
    """Describe the machine the numbers come from."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    load = os.getloadavg()[0]
    return f"{os.cpu_count()} cores ({cpu}), {platform.python_version()}, load {load:.1f} at the start"


def report(results: dict, rows: int, insert_seconds: float, scans: list) -> str:
    """Return the README's table: every measure, then how the page and the look-up grow with the rows."""
    lines = [
        "| measure (1,000 receipts stored unless said) | requests/s | p50 | p99 | ÷ bare, paired "
        "| best ÷ best bare | first round | non-2xx, all rounds |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} ms | {r['p99']:.1f} ms | "
            f"{r['ratio']:.2f} | {r['best_ratio']:.2f} | {r['first']:.0f} | {r['errors']:.0f} |"
        )
    lines.append("")
    redone = {name: int(r["redone"]) for name, r in results.items() if r["redone"]}
    lines.append(
        f"Runs done again because one worker held all {CONNECTIONS} connections (see `wrk`): "
        + (", ".join(f"{name} {count}" for name, count in redone.items()) if redone else "none")
        + f" (of {sum(int(r['runs']) for r in results.values())} runs)."
    )
    for name in (PAGE, LOOKUP):
        small, large = results[name], results[f"{name}, {rows:,} stored"]
        lines.append(
            f"{name}: {rows:,} receipts against 1,000: p50 ×{large['p50'] / small['p50']:.2f}, "
            f"p99 ×{large['p99'] / small['p99']:.2f}, requests/s ×{large['rps'] / small['rps']:.2f}."
        )
    full = sorted({t for _, _, found in scans for t in found})
    lines.append(
        f"{rows:,} rows bulk-inserted in {insert_seconds:.0f} s; full scans of growing tables in the queries "
        f"of the page, the look-up and the counter's day list there: {', '.join(full) if full else 'none'}."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Run the load test and print the report."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    default_pg = os.environ.get(
        "RECEIPTS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    parser.add_argument("--postgres", default=default_pg)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--explain-only", action="store_true")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None and not args.explain_only:
        sys.exit("wrk not found: apt-get install wrk")
    print(machine(), file=sys.stderr)
    with ExitStack() as stack:
        small_url, large_url = (
            stack.enter_context(load_data.fresh_database(args.postgres)) for _ in range(2)
        )
        small, large = load_data.prepare(small_url), load_data.prepare(large_url)
        load_data.bulk_insert(small_url, small["template"], 1, 999)  # with the issued one: 1,000
        seconds = load_data.bulk_insert(large_url, large["template"], 1, args.rows - 1)
        print(f"  {args.rows:,} rows in {seconds:.0f} s", file=sys.stderr)
        small["sample"], large["sample"] = load_data.sample(small_url, 500), load_data.sample(large_url, 500)
        scans = _explain(small_url, small, args.rows, large_url, large)
        if args.explain_only:
            return
        settings = {"SECRET_KEYS": load_data.BENCH_KEY, "RATELIMIT_ENABLED": "false", "WARM_RENDERER": "true"}
        servers = {
            "app": stack.enter_context(gunicorn(small_url, **settings)),
            "large": stack.enter_context(gunicorn(large_url, **settings)),
            # The same app asking the database at every view, as before change marks.
            "strict": stack.enter_context(gunicorn(small_url, **settings, LIVE_TRUST_SECONDS="0")),
            "bare": stack.enter_context(
                gunicorn(small_url, app="benchmarks.bare_app:app", RATELIMIT_ENABLED="false")
            ),
        }
        # Receipts issued through the app keep their QR's mask; the bulk-inserted ones get theirs here.
        for server, url, data in (
            ("app", small_url, small),
            ("strict", small_url, small),
            ("large", large_url, large),
        ):
            load_data.keep_qr_masks(url, servers[server], [token for token, _ in data["sample"]])
        plan = scripts(servers, small, large, args.rows)
        for _ in range(12):  # each worker's first render of the PDF, not under load (it would answer 503)
            call(f"{servers['app']}/r/{small['token']}.pdf")
            call(f"{servers['strict']}/r/{small['token']}.pdf")
        results = measure(
            plan, args.rounds, args.seconds, Path(stack.enter_context(tempfile.TemporaryDirectory()))
        )
    print(report(results, args.rows, seconds, scans))


def _explain(small_url: str, small: dict, rows: int, large_url: str, large: dict) -> list:
    """Print the plans of the page's and the look-up's queries at 1,000 and at `rows`; return the large's."""
    found = []
    for label, url, data in (("1,000", small_url, small), (f"{rows:,}", large_url, large)):
        token, code = data["sample"][0]
        found = load_data.plans(url, [f"/r/{token}", f"/tra-cuu/{code}"])
        print(f"== {label} receipts ==", file=sys.stderr)
        for path, plan, scans in found:
            print(
                f"-- {path} {'FULL SCAN of ' + ', '.join(scans) if scans else ''}\n{plan}\n", file=sys.stderr
            )
    return found


if __name__ == "__main__":
    main()

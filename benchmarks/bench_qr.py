"""A QR's mask chosen by segno beside ours (`signing/segno_masks.py`), and the QR drawn with and without it.

Run from the project root: .venv/bin/python -m benchmarks.bench_qr [--rounds 7] [--links 100]

In each round every contender handles the same `--links` receipt links (fresh tokens, as issuing
makes them), one after the other, so that a busy machine slows them alike; the figures are medians
of the per-link times over all rounds. The choice is made at issue (`verification.remember_qr`), and
again whenever a QR is drawn without a kept mask (`qr.qr_svg(mask=None)`).
"""

from __future__ import annotations

import argparse
import random
import secrets
import statistics
from collections.abc import Callable

import segno

from benchmarks.example_app import PUBLIC
from benchmarks.harness import row, table, timer
from receipts import links as links_of
from receipts.signing import segno_masks
from receipts.signing.tokens import TokenSigner

ERROR = {"error": segno_masks.ERROR, "boost_error": False}
SVG = {"scale": 3, "border": 2, "dark": "#000", "light": "#fff", "omitsize": False}


def links(count: int) -> list[str]:
    """Return the links of `count` receipt versions, signed as the service signs them (ids near a million)."""
    signer = TokenSigner([secrets.token_hex(16)])
    first = random.randrange(1_000_000)
    return [links_of.verify_url(PUBLIC, signer.sign(first + number)) for number in range(count)]


def contenders(masks: dict[str, int]) -> dict[str, Callable[[str], object]]:
    """Return each measure's work for one link (`masks`: each link's mask, as kept at issue)."""
    return {
        "mask chosen by segno (draws and scores all eight, the baseline)": lambda url: (
            segno.make_qr(url, **ERROR).mask
        ),
        "mask chosen by ours (same scores, integer rows)": segno_masks.best_mask,
        "QR drawn, segno choosing the mask (before)": lambda url: segno.make_qr(url, **ERROR).svg_inline(
            **SVG
        ),
        "QR drawn, ours choosing the mask (no kept mask)": lambda url: segno.make_qr(
            url, mask=segno_masks.best_mask(url), **ERROR
        ).svg_inline(**SVG),
        "QR drawn with its kept mask": lambda url: segno.make_qr(url, mask=masks[url], **ERROR).svg_inline(
            **SVG
        ),
    }


def main(argv: list[str] | None = None) -> None:
    """Run the comparison and print the table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--links", type=int, default=100)
    args = parser.parse_args(argv)
    urls = links(args.links)
    masks = {url: segno_masks.best_mask(url) for url in urls}
    assert all(masks[url] == segno.make_qr(url, **ERROR).mask for url in urls), "ours chooses segno's mask"
    work = contenders(masks)
    times: dict[str, list[float]] = {name: [] for name in work}
    for _ in range(args.rounds):
        for name, job in work.items():
            for url in urls:
                with timer(times[name]):
                    job(url)
    medians = {name: statistics.median(values) for name, values in times.items()}
    baseline, drawn_before = list(medians.values())[0], list(medians.values())[2]
    rows = []
    for index, (name, median) in enumerate(medians.items()):
        against, called = (baseline, "segno's choice") if index < 2 else (drawn_before, "before")
        versus = "baseline" if index in (0, 2) else f"{against / median:.2f}× as fast as {called}"
        rows.append(row(name, f"{median:.2f} ms ({versus})"))
    version = segno.make_qr(urls[0], **ERROR).version
    print(f"segno {segno.__version__}, QR version {version} at M, {args.links} links × {args.rounds} rounds")
    print(table(rows))


if __name__ == "__main__":
    main()

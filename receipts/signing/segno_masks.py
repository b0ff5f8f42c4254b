"""The one place that relies on segno's private internals: a QR's mask chosen without drawing it eight times.

segno chooses a QR code's mask (ISO/IEC 18004:2015, 7.8.3) by applying each of the eight patterns to
the whole matrix, cell by cell, and scoring each with loops over every module in Python: about 5 ms
for a receipt's link, four fifths of what drawing its QR costs. Here the matrix is encoded once (with
mask 0, through the public API), its data modules unmasked, and each pattern scored on rows held as
integers, with segno's exact rules: the same scores, hence the same choice (tests compare both on
every pattern), in about a third of the time. The layout of the function patterns comes from segno's
private encoder; on any other segno version, or if a private name is gone, segno chooses the mask
itself through its public API, as before.
"""

from __future__ import annotations

import functools
import itertools
import logging

import segno

log = logging.getLogger(__name__)

#: The segno versions whose internals this module was written against and tested with.
SUPPORTED = ("1.6.",)
#: Error correction M, never raised: every QR of the service (`qr.qr_svg`), so the masks chosen here fit.
ERROR = "m"
_FINDER_LIKE = "1011101"  # dark, light, dark × 3, light, dark: 1:1:3:1:1
_ROW_BREAK = "2"  # between rows joined into one text, so that no pattern runs across two
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def internals_missing(version: str) -> str | None:
    """Return why segno's private encoder cannot be used with segno `version`, or None if it can."""
    if not version.startswith(SUPPORTED):
        return f"segno {version} is not one of the versions the shim supports {SUPPORTED}"
    try:
        from segno import encoder

        for name in (
            "make_matrix",
            "add_finder_patterns",
            "add_alignment_patterns",
            "get_data_mask_functions",
        ):
            getattr(encoder, name)
    except (ImportError, AttributeError) as error:
        return f"segno {version} lacks an internal the shim uses ({error})"
    return None


_PROBLEM = internals_missing(segno.__version__)
#: Whether the fast mask choice works with the installed segno.
INTERNALS_OK = _PROBLEM is None
if not INTERNALS_OK:
    log.warning("%s: QR masks are chosen by segno itself, which is slower", _PROBLEM)


def best_mask(data: str) -> int:
    """Return the mask segno chooses for the QR code of `data` at error correction M."""
    if not INTERNALS_OK:
        return int(segno.make_qr(data, error=ERROR, boost_error=False).mask)
    totals = [sum(penalty) for penalty in scores(data)]
    return totals.index(min(totals))  # the first of equals, as segno


def scores(data: str) -> list[tuple[int, int, int, int]]:
    """Return the penalties (N1, N2, N3, N4) of the eight masks of `data`'s QR code, as segno scores them."""
    matrix = segno.make_qr(data, error=ERROR, boost_error=False, mask=0).matrix
    width = len(matrix)
    fixed, data_cells, flips = _layout(width)
    # The data modules as encoded, before any mask (mask 0 undone); the format and version areas are
    # still blank (light) when segno scores a mask, so only the function patterns are kept.
    raw = [
        (int(row.translate(_DIGITS), 2) & cells) ^ flip
        for row, cells, flip in zip(matrix, data_cells, flips[0], strict=True)
    ]
    return [
        _penalty([f | (r ^ m) for f, r, m in zip(fixed, raw, flip, strict=True)], width) for flip in flips
    ]


@functools.lru_cache(maxsize=8)
def _layout(width: int) -> tuple[tuple[int, ...], tuple[int, ...], tuple[tuple[int, ...], ...]]:
    """Return, row by row as integers (the first column in the highest bit): the dark modules of the
    function patterns, the data modules, and for each mask the data modules it darkens."""
    from segno import encoder

    template = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(template, width, width)
    encoder.add_alignment_patterns(template, width, width)
    # As segno's `find_and_apply_best_mask`: the cells still unset are data (the format and version
    # areas, the dark module's cell among them, are reserved as light).
    is_data = [[cell > 1 for cell in row] for row in template]
    span = range(width)
    fixed = tuple(_bits(not is_data[i][j] and template[i][j] == 1 for j in span) for i in span)
    data_cells = tuple(_bits(is_data[i][j] for j in span) for i in span)
    flips = tuple(
        tuple(_bits(is_data[i][j] and pattern(i, j) for j in span) for i in span)
        for pattern in encoder.get_data_mask_functions(False)
    )
    return fixed, data_cells, flips


def _bits(cells: object) -> int:
    return int("".join("1" if cell else "0" for cell in cells), 2)


def _penalty(rows: list[int], width: int) -> tuple[int, int, int, int]:
    """Score one masked matrix as segno's `mask_scores` does (ISO/IEC 18004:2015, table 11)."""
    across = [format(row, f"0{width}b") for row in rows]
    down = ["".join(column) for column in zip(*across, strict=True)]
    n3 = _finder_like(_ROW_BREAK.join(across), width) + _finder_like(_ROW_BREAK.join(down), width)
    # N1: a run of 5 + i modules of one colour costs 3 + i. A run of L equal neighbours in `same`
    # (L + 1 modules) holds L - 3 windows of four, and each run adds 2 more.
    inner = (1 << width - 1) - 1
    windows = runs = blocks = 0
    above = above_same = 0
    for number, row in enumerate(rows):
        same = ~(row ^ (row >> 1)) & inner  # a module equal to its left-hand neighbour
        four = same & (same >> 1) & (same >> 2) & (same >> 3)
        windows += four.bit_count()
        runs += (four & ~(four << 1)).bit_count()
        if number:
            # N2: a 2 × 2 block of one colour costs 3.
            blocks += (same & above_same & ~(row ^ above)).bit_count()
        above, above_same = row, same
    everything = (1 << width) - 1
    same_down = [~(upper ^ lower) & everything for upper, lower in itertools.pairwise(rows)]
    before = 0
    for first, second, third, fourth in zip(
        same_down, same_down[1:], same_down[2:], same_down[3:], strict=False
    ):
        four = first & second & third & fourth
        windows += four.bit_count()
        runs += (four & ~before).bit_count()
        before = four
    dark = sum(row.bit_count() for row in rows)
    n4 = 10 * int(abs(float(dark) / (width**2) * 100 - 50) / 5)
    return windows + 2 * runs, 3 * blocks, n3, n4


def _finder_like(text: str, width: int) -> int:
    """N3, 40 for each 1:1:3:1:1 pattern with four light modules on one side (fewer where the edge is
    nearer, none at the edge): segno's scan exactly (a counted pattern is skipped whole, another one
    only up to its middle)."""
    step = width + 1
    count = 0
    found = text.find(_FINDER_LIKE)
    while found != -1:
        start = found - found % step  # of its row
        after = found + 7
        if (
            "1" not in text[max(found - 4, start) : found]
            or "1" not in text[after : min(after + 4, start + width)]
        ):
            count += 40
        else:
            after = found + 4
        found = text.find(_FINDER_LIKE, after)
    return count

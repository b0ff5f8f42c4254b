"""Charts drawn on the server as SVG: the geometry of bars and columns from counts, nothing else.

The templates (`counter/_charts.html`) draw what these return; every chart also has its table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..domain.statistics import Count
from ..domain.text import thousands

WIDTH = 400
BAR_ROW = 44
PLOT_HEIGHT = 160
LABEL_CHARS = 44


@dataclass(frozen=True)
class Shape:
    """One bar or column: its box, its label and the number written beside it."""

    x: float
    y: float
    width: float
    height: float
    label: str
    value: str
    text_x: float
    text_y: float


@dataclass(frozen=True)
class Chart:
    """A chart's size, its shapes and the axis ticks (text, x, y) under or beside it."""

    width: int
    height: int
    shapes: tuple[Shape, ...]
    ticks: tuple[tuple[str, float, float], ...]
    empty: bool


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bars(counts: Sequence[Count], *, limit: int = 10) -> Chart:
    """Return horizontal bars, one row each (label above its bar), for the first `limit` counts."""
    shown = list(counts[:limit])
    top = max((c.count for c in shown), default=0)
    scale = (WIDTH - 70) / top if top else 0
    shapes = []
    for i, c in enumerate(shown):
        y = i * BAR_ROW
        length = c.count * scale
        shapes.append(
            Shape(
                0,
                y + 20,
                max(length, 1 if c.count else 0),
                18,
                _short(c.label),
                thousands(c.count),
                length + 6,
                y + 34,
            )
        )
    return Chart(WIDTH, max(len(shown), 1) * BAR_ROW, tuple(shapes), (), top == 0)


def columns(counts: Sequence[Count], mark: Callable[[Count], str], *, ticks: int = 6) -> Chart:
    """Return vertical columns over time (days or weeks), with the first, last and a few dates below."""
    n = len(counts)
    top = max((c.count for c in counts), default=0)
    step = (WIDTH - 40) / n if n else 0
    scale = PLOT_HEIGHT / top if top else 0
    shapes = []
    for i, c in enumerate(counts):
        height = c.count * scale
        shapes.append(
            Shape(
                40 + i * step,
                10 + PLOT_HEIGHT - height,
                max(step * 0.8, 1),
                height,
                c.label,
                thousands(c.count),
                0,
                0,
            )
        )
    every = max(1, -(-n // ticks))
    marks = [(mark(counts[i]), 40 + i * step, PLOT_HEIGHT + 28.0) for i in range(0, n, every)]
    axis = [(thousands(top), 34.0, 20.0), ("0", 34.0, PLOT_HEIGHT + 10.0)]
    return Chart(WIDTH, PLOT_HEIGHT + 36, tuple(shapes), tuple(axis + marks), top == 0)

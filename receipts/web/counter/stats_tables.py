"""The statistics as tables (one source for the page, the CSV and the XLSX) and their charts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...domain.statistics import Count, OnTime, Statistics
from ...domain.text import thousands
from .. import charts

Value = str | int | float | None


@dataclass(frozen=True)
class Table:
    """One table of the page: its file name, title, column headers and rows of plain values."""

    slug: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]


def _counts(slug: str, title: str, heads: tuple[str, ...], items: tuple[Count, ...], key: bool) -> Table:
    rows = tuple(((c.key, c.label, c.count) if key else (c.label, c.count)) for c in items)
    return Table(slug, title, heads, rows)


def _rate(o: OnTime) -> Value:
    return None if o.rate is None else round(o.rate * 100, 1)


def _on_time(s: Statistics) -> Table:
    heads = ("Cơ quan", "Đã có kết quả", "Đúng hạn", "Trễ hạn", "Tỷ lệ đúng hạn (%)")
    items = (*s.on_time, s.on_time_total) if len(s.on_time) != 1 else s.on_time
    rows = tuple((o.label, o.with_result, o.on_time, o.late, _rate(o)) for o in items)
    return Table("dung-han", "Tỷ lệ trả kết quả đúng hạn", heads, rows)


def _overdue(s: Statistics) -> Table:
    heads = ("Mã hồ sơ", "Cơ quan", "Thủ tục", "Trạng thái", "Hẹn trả", "Số ngày quá hạn", "Cán bộ tiếp nhận")
    rows = tuple(
        (
            o.code,
            o.agency_label,
            o.procedure_name,
            o.status.text,
            f"{o.due_at:%H:%M %d/%m/%Y}",
            o.days_overdue,
            o.officer_name,
        )
        for o in s.overdue
    )
    return Table("qua-han", "Hồ sơ đang quá hạn", heads, rows)


BUILDERS: dict[str, Callable[[Statistics], Table]] = {
    "theo-ngay": lambda s: _counts("theo-ngay", "Số hồ sơ theo ngày", ("Ngày", "Số hồ sơ"), s.per_day, False),
    "theo-tuan": lambda s: _counts(
        "theo-tuan", "Số hồ sơ theo tuần", ("Tuần", "Số hồ sơ"), s.per_week, False
    ),
    "theo-co-quan": lambda s: _counts(
        "theo-co-quan", "Số hồ sơ theo cơ quan", ("Mã cơ quan", "Cơ quan", "Số hồ sơ"), s.per_agency, True
    ),
    "theo-linh-vuc": lambda s: _counts(
        "theo-linh-vuc", "Số hồ sơ theo lĩnh vực", ("Lĩnh vực", "Số hồ sơ"), s.per_field, False
    ),
    "theo-thu-tuc": lambda s: _counts(
        "theo-thu-tuc",
        "Số hồ sơ theo thủ tục",
        ("Mã thủ tục", "Tên thủ tục", "Số hồ sơ"),
        s.per_procedure,
        True,
    ),
    "theo-kenh": lambda s: _counts(
        "theo-kenh", "Số hồ sơ theo kênh trả kết quả", ("Kênh", "Số hồ sơ"), s.per_channel, False
    ),
    "dung-han": _on_time,
    "qua-han": _overdue,
}


def table(slug: str, s: Statistics) -> Table:
    """Return one table by its file name (KeyError for an unknown one)."""
    return BUILDERS[slug](s)


def _week_mark(c: Count) -> str:
    return "T" + c.key.rsplit("W", 1)[-1]


def page(s: Statistics) -> dict[str, Any]:
    """Return what the statistics page shows: totals, tables and the charts drawn from them."""
    rate = s.on_time_total.rate
    return {
        "range": {
            "start": s.range.start.isoformat(),
            "end": s.range.end.isoformat(),
            "text": f"{s.range.start:%d/%m/%Y} – {s.range.end:%d/%m/%Y}",
        },
        "total": thousands(s.total),
        "rate": "—" if rate is None else f"{rate * 100:.1f}".replace(".", ",") + " %",
        "overdue_total": thousands(s.overdue_total),
        "overdue_more": s.overdue_total > len(s.overdue),
        "tables": {slug: build(s) for slug, build in BUILDERS.items()},
        "charts": {
            "theo-ngay": charts.columns(s.per_day, lambda c: c.label[:5]),
            "theo-tuan": charts.columns(s.per_week, _week_mark),
            "theo-co-quan": charts.bars(s.per_agency),
            "theo-linh-vuc": charts.bars(s.per_field),
            "theo-thu-tuc": charts.bars(s.per_procedure),
            "theo-kenh": charts.bars(s.per_channel),
        },
    }

"""/thu-tuc over a province's catalogue: filters with counts, the seed's columns, pages, searches."""

from __future__ import annotations

import html
import json
import re

import pytest
from sqlalchemy import event

from receipts.domain.catalogue import field_facets, level_facets
from receipts.domain.text import fold, thousands
from receipts.extensions import db
from receipts.services import catalogue
from tests.support import DEMO, province_procedures

COUNT = 1200


@pytest.fixture
def province(app, runner, tmp_path):
    """The demo data plus a province's catalogue, imported with the command operators use."""
    rows = province_procedures(COUNT)
    path = tmp_path / "procedures.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["procedures", "import", str(path)])
    assert result.exit_code == 0, result.output
    return rows + json.loads((DEMO / "procedures.json").read_text(encoding="utf-8"))


def expected(rows, q="", level=None, field=None):
    """Count in Python what the page should say."""
    words = fold(q).split()
    return [
        r
        for r in rows
        if all(w in fold(r["name"]) for w in words)
        and (not level or r["level"] == level)
        and (not field or r["field"] == field)
    ]


def options(text, name):
    """Return the options of a select as (value, label, selected)."""
    select = re.search(rf'<select id="{name}".*?</select>', text, re.S)
    assert select is not None
    return [
        (html.unescape(value), html.unescape(label), bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select[0]
        )
    ]


@pytest.mark.parametrize(
    ("q", "level", "field"),
    [
        ("", None, None),
        ("giay phep", None, None),
        ("Giấy phép", "province", None),
        ("", "commune", "Hộ tịch"),
    ],
)
def test_the_page_says_how_many_were_found_and_what_each_choice_would_show(client, province, q, level, field):
    query = {"q": q, "level": level or "", "field": field or ""}
    text = client.get("/thu-tuc", query_string=query).get_data(as_text=True)

    def count(**narrowed):
        return thousands(len(expected(province, q, **{"level": level, "field": field, **narrowed})))

    assert f"Tìm thấy {count()} thủ tục" in text
    levels = options(text, "level")
    assert levels[0] == ("", f"Tất cả các cấp ({count(level=None)})", level is None)
    for value, label, selected in levels[1:]:
        assert label.endswith(f"({count(level=value)})"), label
        assert selected == (value == level)
    assert [value for value, _, _ in levels[1:]] == ["central", "province", "commune"]
    fields = options(text, "field")
    assert fields[0] == ("", f"Tất cả lĩnh vực ({count(field=None)})", field is None)
    for value, label, selected in fields[1:]:
        assert label == f"{value} ({count(field=value)})"
        assert selected == (value == field)


def test_the_table_has_the_seeds_columns_numbered_across_pages_and_links_each_procedure(client, province):
    first = client.get("/thu-tuc").get_data(as_text=True)
    second = client.get("/thu-tuc", query_string={"page": 2}).get_data(as_text=True)

    assert re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', first) == [
        "STT",
        "Mã TTHC",
        "Mức độ DVC",
        "Tên thủ tục",
    ]
    rows = re.findall(r'<tr><td class="n">(\d+)</td><td class="tthc">(.+?)</td>.*?<a href="([^"]+)">', second)
    assert [int(n) for n, _, _ in rows] == list(range(51, 101))
    # The code may break only at its dots on a narrow screen.
    assert all(href == f"/thu-tuc/{code.replace('<wbr>', '')}" for _, code, href in rows)
    assert all(code.count(".<wbr>") == code.count(".") for _, code, _ in rows)
    assert client.get(rows[0][2]).status_code == 200


def test_pages_link_the_first_the_last_and_the_neighbours_and_a_page_past_the_end_shows_the_last(
    client, province
):
    pages = -(-len(province) // 50)
    text = client.get("/thu-tuc", query_string={"page": 7}).get_data(as_text=True)
    nav = re.search(r'<nav class="pages".*?</nav>', text, re.S)

    assert nav is not None
    numbers = re.findall(r'aria-label="Trang (\d+)[^"]*"', nav[0])
    assert numbers == ["1", "5", "6", "7", "8", "9", str(pages)]
    assert 'aria-current="page" aria-label="Trang 7, trang đang xem"' in nav[0]
    assert "Trang trước" in nav[0] and "Trang sau" in nav[0]
    last = client.get("/thu-tuc", query_string={"page": 999}).get_data(as_text=True)
    assert f'aria-label="Trang {pages}, trang đang xem"' in last and "Trang sau" not in last


def test_filters_survive_paging(client, province):
    text = client.get("/thu-tuc", query_string={"q": "cap", "level": "province"}).get_data(as_text=True)

    assert 'href="/thu-tuc?q=cap&amp;level=province&amp;page=2"' in text


def test_searching_with_or_without_diacritics_finds_the_same(client, province):
    def found(q):
        text = client.get("/thu-tuc", query_string={"q": q}).get_data(as_text=True)
        return re.search(r"Tìm thấy ([\d.]+) thủ tục", text)[1]

    assert (
        found("Cấp đổi giấy phép lái xe")
        == found("cap doi giay phep lai xe")
        == found("CẤP ĐỔI GIẤY PHÉP LÁI XE")
    )
    assert found("cap doi giay phep lai xe") != "0"
    assert found("đăng ký khai sinh") == found("dang ky khai sinh") != "0"
    assert found("zzzz") == "0"


def test_district_is_accepted_on_import_but_no_longer_offered(client, app, runner, tmp_path):
    assert "Cấp huyện" not in client.get("/thu-tuc").get_data(as_text=True)
    rows = province_procedures(20, levels=("district",))
    path = tmp_path / "district.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    assert runner.invoke(args=["procedures", "import", str(path)]).exit_code == 0

    page = client.get("/thu-tuc").get_data(as_text=True)
    assert "Cấp huyện" not in page
    # The procedures stay readable, and a link that names the level still filters.
    assert client.get("/api/v1/procedures", query_string={"level": "district"}).get_json()["total"] == 20


def test_the_counts_come_from_one_group_by_and_one_page_of_rows(app, province):
    statements = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
        found = catalogue.browse_procedures("giay phep", "province", None, 1, 50)

    assert found.found.total == len(expected(province, "giay phep", "province"))
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 2, selects
    assert sum("GROUP BY" in s.upper() for s in selects) == 1
    assert any("LIMIT" in s.upper() for s in selects)


def test_the_api_answers_as_before(client, province):
    body = client.get("/api/v1/procedures", query_string={"q": "giay phep", "level": "province"}).get_json()

    assert body["total"] == len(expected(province, "giay phep", "province"))
    assert len(body["items"]) == 20
    assert set(body["items"][0]) >= {"code", "name", "level", "field"}


def test_levels_and_fields_are_listed_in_reading_order():
    assert [f.value for f in level_facets({"commune": 1, "central": 2})] == ["central", "province", "commune"]
    assert [f.value for f in level_facets({"district": 3})] == ["central", "province", "commune"]
    assert [f.value for f in level_facets({}, "district")][-1] == "district"
    fields = field_facets({"Đường bộ": 1, "Đất đai": 2, "Y tế": 3, "": 4, "Bảo trợ xã hội": 0}, "Văn hóa")
    assert [(f.value, f.count) for f in fields] == [
        ("Đất đai", 2),
        ("Đường bộ", 1),
        ("Văn hóa", 0),
        ("Y tế", 3),
    ]

"""What tests build on: the example receipt, configurations, and factories for keys, officers and data."""

from __future__ import annotations

import os
import random
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event
from werkzeug.security import generate_password_hash

from receipts import create_app
from receipts.config import ROOT
from receipts.domain.catalogue import Agency
from receipts.domain.localtime import LOCAL
from receipts.extensions import db
from receipts.schemas import files
from receipts.services import access, catalogue
from receipts.store import people
from receipts.store.database import upgrade_schema, write_transaction

# `RECEIPTS_TEST_BACKEND=postgresql` runs every test on PostgreSQL; tests that matter on both
# databases carry `on_both_backends`, which on that pass runs (and names) PostgreSQL only.
DEFAULT_BACKEND = "postgresql" if os.environ.get("RECEIPTS_TEST_BACKEND") == "postgresql" else "sqlite"
BACKENDS = ["postgresql"] if DEFAULT_BACKEND == "postgresql" else ["sqlite", "postgresql"]
on_both_backends = pytest.mark.parametrize("backend", BACKENDS, indirect=True)
DEMO = ROOT / "data" / "demo"
DEMO_AGENCY = "000.00.04.H15"
OFFICER_PASSWORD = "mat-khau-dai-123"
# The province's example: the receipt was taken on 25 November 2020 at 16:19:50.
FIXED_NOW = datetime(2020, 11, 25, 16, 19, 50, tzinfo=LOCAL)
EXAMPLE: dict[str, Any] = {
    "agency_code": DEMO_AGENCY,
    "procedure_code": "1.000028.000.00.00.H15",
    "applicant": {
        "name": "Phan Quốc Hậu",
        "organization": "VNPT",
        "address": "06 Lê Duẩn, Phường Tân Tiến, Thành phố Buôn Ma Thuột, Tỉnh Đắk Lắk",
        "phone": "0946911303",
        "email": "",
    },
    "sets": 1,
    "received_at": "2020-11-25T16:19:50+07:00",
    "delivery": "counter",
    "officer_name": "Nguyễn Văn A",
}


def base_config(url: str, **extra: Any) -> dict[str, Any]:
    """Return the configuration tests run with."""
    return {
        "TESTING": True,
        "DATABASE_URL": url,
        "SECRET_KEYS": "test-key-old-0000,test-key-new-1111",
        "WARM_RENDERER": False,
        "RATELIMIT_ENABLED": False,
        "PUBLIC_URL": None,
        "QUEUE_FILE": queue_file(url),
        **extra,
    }


def queue_file(url: str) -> str:
    """Return where a test app's worker queue lives: beside its SQLite file, else in a file of this
    process's own; never the checkout's instance folder, which a developer's worker drains."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and url != prefix + ":memory:":
        return url.removeprefix(prefix) + "-queue"
    return str(Path(tempfile.gettempdir()) / f"receipts-test-queue-{os.getpid()}.sqlite3")


def migrate_to_head(url: str) -> None:
    """Create the schema with the project's migrations, as `init-db` does."""
    app = create_app(base_config(url))
    with app.app_context():
        upgrade_schema()
        db.engine.dispose()


def load_demo(app: Flask) -> None:
    """Load the demo agency and procedures."""
    with app.app_context():
        catalogue.load_agencies(files.read_agencies(DEMO / "agencies.json"))
        catalogue.load_procedures(files.read_procedures(DEMO / "procedures.json"))


def add_agency(app: Flask, code: str, unit_name: str = "BỘ PHẬN MỘT CỬA KHÁC") -> str:
    """Add an agency of the demo province; return its code."""
    agency = Agency(code, "UBND TỈNH ĐẮK LẮK", unit_name, "Đắk Lắk", (("07:00", "11:30"), ("13:30", "17:00")))
    with app.app_context():
        catalogue.load_agencies([agency])
    return code


def make_officer(
    app: Flask,
    username: str = "canbo",
    *,
    role: str = "officer",
    agency: str | None = DEMO_AGENCY,
    full_name: str = "",
    password: str = OFFICER_PASSWORD,
) -> str:
    """Create (or update) a user of any role, as the table allows; return the username.

    The password is stored with a one-round hash (`quick_hash`): the login checks it as it checks any
    stored hash, and the suite does not spend a scrypt (0.1 s) on every officer it makes. The app's
    own hashing is tested where officers are made and passwords changed through the app.
    """
    with app.app_context(), write_transaction():
        people.upsert_officer(username, quick_hash(password), role, agency, full_name)
    return username


def quick_hash(password: str) -> str:
    """Return a stored password hash that Werkzeug checks at once (PBKDF2, one round): test data only."""
    return generate_password_hash(password, method="pbkdf2:sha256:1")


def logged_in_officer(app: Flask, client: FlaskClient, username: str = "canbo") -> FlaskClient:
    """Log `client` in as an officer of the demo agency (made first), CSRF off; return it."""
    app.config["WTF_CSRF_ENABLED"] = False
    make_officer(app, username, full_name="Nguyễn Văn A")
    answer = client.post("/quay/dang-nhap", data={"username": username, "password": OFFICER_PASSWORD})
    assert answer.status_code == 303
    return client


def make_key(app: Flask, *scopes: str) -> str:
    """Create an API key with `scopes` and return it."""
    with app.app_context():
        return access.create_api_key("test", list(scopes), FIXED_NOW)


class Clock:
    """A clock that stands still until a test moves it (sessions, login limits and key use read it)."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        """Return the moment the clock shows."""
        return self.now

    def advance(self, **delta: float) -> None:
        """Move the clock forward by `timedelta(**delta)`."""
        self.now += timedelta(**delta)


def local_path(url: str) -> str:
    """Turn an absolute URL printed by the app into a path for the test client."""
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


# What a province publishes: fields with the objects their procedures concern, and how names are made.
FIELDS = {
    "Hộ tịch": ["khai sinh", "kết hôn", "khai tử", "nhận cha, mẹ, con", "giám hộ", "trích lục hộ tịch"],
    "Chứng thực": ["bản sao từ bản chính", "chữ ký trong giấy tờ, văn bản", "hợp đồng, giao dịch về tài sản"],
    "Đất đai": [
        "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        "chuyển mục đích sử dụng đất",
        "tách thửa, hợp thửa đất",
        "đăng ký biến động đất đai",
    ],
    "Đường bộ": ["giấy phép lái xe", "giấy phép lưu hành xe quá tải trọng", "phù hiệu xe kinh doanh vận tải"],
    "Xây dựng": ["giấy phép xây dựng nhà ở riêng lẻ", "chứng chỉ hành nghề hoạt động xây dựng"],
    "Giáo dục và Đào tạo": ["bản sao văn bằng, chứng chỉ", "chuyển trường cho học sinh trung học cơ sở"],
    "Y tế": ["chứng chỉ hành nghề khám bệnh, chữa bệnh", "giấy phép hoạt động phòng khám đa khoa"],
    "Lao động": ["giấy phép lao động cho người nước ngoài", "trợ cấp thất nghiệp", "nội quy lao động"],
    "Người có công": ["trợ cấp ưu đãi người có công với cách mạng", "giấy chứng nhận thương binh"],
    "Bảo trợ xã hội": ["trợ cấp xã hội hằng tháng", "hỗ trợ chi phí mai táng", "chăm sóc đối tượng khẩn cấp"],
    "Thành lập và hoạt động doanh nghiệp": ["doanh nghiệp tư nhân", "công ty trách nhiệm hữu hạn"],
    "Hộ kinh doanh": ["hộ kinh doanh", "địa điểm kinh doanh của hộ kinh doanh"],
    "Đầu tư tại Việt Nam": ["chủ trương đầu tư", "Giấy chứng nhận đăng ký đầu tư"],
    "Môi trường": ["giấy phép môi trường", "kế hoạch bảo vệ môi trường"],
    "Tài nguyên nước": ["giấy phép khai thác nước dưới đất", "giấy phép xả nước thải vào nguồn nước"],
    "Văn hóa": ["giấy phép tổ chức lễ hội", "giấy phép kinh doanh dịch vụ karaoke"],
    "Du lịch": ["thẻ hướng dẫn viên du lịch", "giấy phép kinh doanh dịch vụ lữ hành nội địa"],
    "Nông nghiệp": ["giấy chứng nhận an toàn thực phẩm nông lâm thủy sản", "giấy phép khai thác thủy sản"],
    "Lâm nghiệp": ["phương án khai thác gỗ rừng trồng", "chuyển loại rừng"],
    "Công thương": ["giấy phép bán lẻ rượu", "giấy phép kinh doanh xăng dầu", "cửa hàng kinh doanh khí"],
    "Tư pháp": ["phiếu lý lịch tư pháp", "thẻ công chứng viên", "văn phòng công chứng"],
    "Thi đua, khen thưởng": ["danh hiệu Lao động tiên tiến", "Giấy khen của Chủ tịch Ủy ban nhân dân"],
    "Tôn giáo": ["sinh hoạt tôn giáo tập trung", "tổ chức quyên góp của cơ sở tín ngưỡng"],
    "Tài chính": ["mã số đơn vị có quan hệ với ngân sách", "quyết toán vốn đầu tư dự án hoàn thành"],
}
ACTIONS = [
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Đăng ký",
    "Gia hạn",
    "Điều chỉnh",
    "Thu hồi",
    "Xác nhận",
    "Thẩm định",
]
QUALIFIERS = [
    "",
    " có yếu tố nước ngoài",
    " trên địa bàn tỉnh",
    " do bị mất, hỏng",
    " đối với cá nhân",
    " lưu động",
]
AGENCY_BY_LEVEL = {
    "central": "Bộ Công an",
    "province": "Sở Tư pháp",
    "commune": "Ủy ban nhân dân cấp xã",
    "district": "Ủy ban nhân dân cấp huyện",
}


def province_procedures(
    count: int, seed: int = 7, levels: tuple[str, ...] = ("central", "province", "commune")
) -> list[dict[str, Any]]:
    """Return `count` procedures as a province's data file holds them: realistic names, fields and levels."""
    rng = random.Random(seed)
    weights = [{"central": 1, "province": 4, "commune": 3, "district": 1}[level] for level in levels]
    items: list[dict[str, Any]] = []
    for n in range(1, count + 1):
        field = rng.choice(list(FIELDS))
        level = rng.choices(levels, weights)[0]
        name = f"{rng.choice(ACTIONS)} {rng.choice(FIELDS[field])}{rng.choice(QUALIFIERS)}"
        items.append(
            {
                # Above the demo's codes (1.000028… to 1.004088…), so that none is replaced.
                "code": f"{rng.choice('12')}.{100_000 + n:06d}.000.00.00.H15",
                "name": name,
                "level": level,
                "field": field,
                "agency_name": AGENCY_BY_LEVEL[level],
                "service_level": rng.choice(["Toàn trình", "Một phần", "Một phần", ""]),
                "duration": rng.randint(1, 30),
                "duration_unit": "working_days",
                "fee": rng.choice([0, 0, 8000, 50000, 135000]),
                "documents": [{"name": "Tờ khai theo mẫu", "copies": 1, "form": "Bản chính"}],
            }
        )
    return items


def run_together(target: Any, args: tuple[Any, ...], count: int, timeout: float = 120) -> list[Any]:
    """Start `count` spawned processes running `target(*args, start, out)`, release them at once,
    and return what each put on `out`, after checking every one exited cleanly."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    start, out = context.Event(), context.Queue()
    processes = [context.Process(target=target, args=(*args, start, out)) for _ in range(count)]
    for process in processes:
        process.start()
    start.set()
    results = [out.get(timeout=timeout) for _ in processes]
    for process in processes:
        process.join(30)
        assert process.exitcode == 0
    return results


@contextmanager
def counted_queries(app: Flask, *, with_begin: bool = False) -> Iterator[list[str]]:
    """Collect the SQL statements the app sends while the block runs (SQLite's BEGINs too if asked)."""
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        # SQLite's explicit BEGIN (see store/database.py) is no query.
        if with_begin or statement.strip().upper() != "BEGIN":
            statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def move(client: FlaskClient, auth: dict[str, str], code: str, status: str) -> None:
    """Record a status through the API and check it was accepted."""
    answer = client.post(f"/api/v1/dossiers/{code}/events", json={"status": status}, headers=auth)
    assert answer.status_code == 200, answer.get_json()

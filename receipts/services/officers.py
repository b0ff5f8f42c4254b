"""Administrators manage the officers of their agency (a centre administrator: of every agency).

Each function takes the administrator acting (`viewer`), checks what they may do, and logs it.
New accounts and reset passwords get a random temporary password, shown once, which the officer
must change at their next login.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.audit import Actor
from ..domain.errors import Forbidden, InvalidInput, NotFound
from ..domain.officers import ROLES, Officer, is_valid_username, normalize_username, password_problem
from ..domain.text import clean_line
from ..signing.passwords import hash_password, password_matches
from ..store import catalogue as catalogue_store
from ..store import people as store
from ..store.database import write_transaction
from . import audit
from .access import new_password


@dataclass(frozen=True)
class NewAccount:
    """A new officer's account: what to type in the form, all of it already checked."""

    username: str
    full_name: str
    role: str = "officer"
    agency_code: str | None = None


def _admin(viewer: Officer) -> None:
    if not viewer.is_admin:
        raise Forbidden("Chỉ quản trị viên được quản lý tài khoản cán bộ.")


def officers(viewer: Officer) -> list[Officer]:
    """Return the accounts the administrator manages (their agency's; a centre administrator's: all)."""
    _admin(viewer)
    return store.officers(viewer.scope)


def create(viewer: Officer, account: NewAccount, actor: Actor, now: datetime) -> tuple[Officer, str]:
    """Create an officer's account with a temporary password; return it and the password (shown once)."""
    _admin(viewer)
    username = normalize_username(account.username)
    agency = (account.agency_code or "").strip().upper() or viewer.agency_code
    errors: dict[str, str] = {}
    if not is_valid_username(username):
        errors["username"] = "Tên đăng nhập gồm 1–80 ký tự, không có khoảng trắng."
    if account.role not in ROLES or (account.role != "officer" and not viewer.sees_all):
        errors["role"] = "Vai trò không hợp lệ."
    if account.role == "centre_admin":
        agency = None
    elif not agency or not viewer.may_act_on(agency):
        errors["agency_code"] = "Chọn cơ quan của cán bộ."
    if errors:
        raise InvalidInput("Kiểm tra lại thông tin tài khoản.", errors)
    password = new_password()
    with write_transaction():
        if agency and catalogue_store.get_agency(agency) is None:
            raise InvalidInput("Kiểm tra lại thông tin tài khoản.", {"agency_code": "Không có cơ quan này."})
        name = clean_line(account.full_name)[:200]
        if not store.add_officer(username, hash_password(password), account.role, agency, name):
            raise InvalidInput("Tên đăng nhập đã có.", {"username": "Tên đăng nhập đã có người dùng."})
        created = store.find_login(username)
        assert created is not None
        details = {"username": username, "role": account.role}
        audit.record("officer_created", actor, now, agency_code=agency, details=details)
    return created[0], password


def _managed(viewer: Officer, officer_id: int) -> Officer:
    _admin(viewer)
    found = store.find_officer(officer_id)
    if found is None or not viewer.may_act_on(found.agency_code):
        raise NotFound("Không tìm thấy tài khoản này.")
    if found.id == viewer.id:
        raise Forbidden("Không thể tự đặt lại mật khẩu hay khóa tài khoản của chính mình tại đây.")
    return found


def reset_password(viewer: Officer, officer_id: int, actor: Actor, now: datetime) -> tuple[Officer, str]:
    """Give an officer a temporary password (their sessions end; they must change it at next login)."""
    password = new_password()
    with write_transaction():
        found = _managed(viewer, officer_id)
        store.set_password(found.id, hash_password(password), must_change=True)
        details = {"username": found.username}
        audit.record("password_reset", actor, now, agency_code=found.agency_code, details=details)
    return found, password


def set_disabled(viewer: Officer, officer_id: int, disabled: bool, actor: Actor, now: datetime) -> Officer:
    """Disable an officer's account (every session ends at once) or enable it again."""
    with write_transaction():
        found = _managed(viewer, officer_id)
        store.set_disabled(found.username, now if disabled else None)
        action = "officer_disabled" if disabled else "officer_enabled"
        audit.record(action, actor, now, agency_code=found.agency_code, details={"username": found.username})
    return found


def change_password(
    officer: Officer, current: str, new: str, repeated: str, actor: Actor, now: datetime
) -> Officer:
    """Let an officer choose a new password, checked against the policy; return them with a new session."""
    errors: dict[str, str] = {}
    if not password_matches(store.password_hash(officer.id), current):
        errors["current"] = "Mật khẩu hiện tại không đúng."
    problem = password_problem(new, officer.username)
    if problem:
        errors["new"] = problem
    elif new == current:
        errors["new"] = "Mật khẩu mới phải khác mật khẩu hiện tại."
    elif new != repeated:
        errors["repeated"] = "Hai lần nhập mật khẩu mới không giống nhau."
    if errors:
        raise InvalidInput("Chưa đổi được mật khẩu.", errors)
    with write_transaction():
        store.set_password(officer.id, hash_password(new), must_change=False)
        audit.record("password_changed", actor, now, agency_code=officer.agency_code)
    changed = store.find_officer(officer.id)
    assert changed is not None
    return changed

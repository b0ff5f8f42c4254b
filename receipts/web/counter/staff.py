"""/quay/can-bo: an administrator's officers (create, reset a password, disable); /quay/doi-mat-khau."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ...clock import now_local
from ...domain.errors import InvalidInput
from ...domain.officers import MIN_PASSWORD, ROLE_TEXT
from ...services import officers
from ..auth import start_session
from . import actor, admins_only, bp

Page = Response | str | tuple[str, int]


@bp.get("/can-bo")
def staff() -> Page:
    """List the officers the administrator manages, with the form to add one."""
    admins_only()
    return _page({}, {})


@bp.post("/can-bo")
def create_officer() -> Page:
    """Create an officer's account and show its temporary password once."""
    admins_only()
    form = request.form
    account = officers.NewAccount(
        form.get("username", "")[:80],
        form.get("full_name", "")[:200],
        form.get("role", "officer"),
        form.get("agency_code", "")[:40] or None,
    )
    try:
        created, password = officers.create(current_user, account, actor(), now_local())
    except InvalidInput as error:
        return _page(form, error.fields), 422
    return _page({}, {}, once={"username": created.username, "password": password, "new": True}), 201


@bp.post("/can-bo/<int:officer_id>/mat-khau")
def reset_password(officer_id: int) -> Page:
    """Give an officer a temporary password, shown once; they choose their own at their next login."""
    admins_only()
    found, password = officers.reset_password(current_user, officer_id, actor(), now_local())
    return _page({}, {}, once={"username": found.username, "password": password, "new": False})


@bp.post("/can-bo/<int:officer_id>/khoa")
def disable_officer(officer_id: int) -> Response:
    """Disable an officer's account: every session ends at once."""
    admins_only()
    found = officers.set_disabled(current_user, officer_id, True, actor(), now_local())
    flash(f"Đã khóa tài khoản {found.username}.", "ok")
    return redirect(url_for(".staff"), code=303)


@bp.post("/can-bo/<int:officer_id>/mo-khoa")
def enable_officer(officer_id: int) -> Response:
    """Let a disabled officer log in again."""
    admins_only()
    found = officers.set_disabled(current_user, officer_id, False, actor(), now_local())
    flash(f"Đã mở khóa tài khoản {found.username}.", "ok")
    return redirect(url_for(".staff"), code=303)


def _page(values: Any, errors: dict[str, str], once: dict[str, Any] | None = None) -> str:
    people = [
        {**vars(o), "role_text": ROLE_TEXT.get(o.role, o.role), "self": o.id == current_user.id}
        for o in officers.officers(current_user)
    ]
    return render_template(
        "counter/staff.html",
        people=people,
        values=values,
        errors=errors,
        once=once,
        roles=ROLE_TEXT if current_user.sees_all else {"officer": ROLE_TEXT["officer"]},
    )


@bp.get("/doi-mat-khau")
def password_form() -> Page:
    """Ask for the current password and a new one."""
    return render_template("counter/password.html", errors={}, min_length=MIN_PASSWORD)


@bp.post("/doi-mat-khau")
def change_password() -> Page:
    """Change the officer's own password (a temporary one must be changed before anything else)."""
    form = request.form
    try:
        changed = officers.change_password(
            current_user,
            form.get("current", "")[:200],
            form.get("new", "")[:200],
            form.get("repeated", "")[:200],
            actor(),
            now_local(),
        )
    except InvalidInput as error:
        return render_template("counter/password.html", errors=error.fields, min_length=MIN_PASSWORD), 422
    start_session(changed)
    flash("Đã đổi mật khẩu.", "ok")
    return redirect(url_for(".index"), code=303)

"""/quay/thu-phi: what each dossier owes and has paid, the day's collections per agency (CSV too), and
the transfers an officer must settle (unmatched, underpaid, overpaid)."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from flask import make_response, render_template, request
from flask_login import current_user
from werkzeug.wrappers import Response

from ...clock import now_local
from ...domain.money import money_vnd
from ...domain.payments import FeeSheet, Payment
from ...domain.text import date_dmy
from ...services import payments
from . import bp

CSV_HEADER = ["Mã giao dịch", "Mã hồ sơ", "Mã cơ quan", "Số tiền (đồng)", "Thời gian", "Nguồn", "Kết quả"]


def _day() -> date:
    try:
        return date.fromisoformat(request.args.get("ngay", "")[:10])
    except ValueError:
        return now_local().date()


@bp.get("/thu-phi")
def fees() -> str:
    """Show the day's fee sheet of the officer's agency (an administrator without one: every agency)."""
    sheet = payments.fee_sheet(current_user.agency_code, _day())
    return render_template("counter/fees.html", s=_sheet_view(sheet))


@bp.get("/thu-phi.csv")
def fees_csv() -> Response:
    """Return the day's collections as CSV (UTF-8 with a BOM, so that spreadsheets read the diacritics)."""
    sheet = payments.fee_sheet(current_user.agency_code, _day())
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for p in sheet.collected:
        writer.writerow(
            [
                p.transaction_id,
                p.code or "",
                p.agency_code or "",
                p.amount,
                p.paid_at.isoformat(),
                p.source,
                p.outcome,
            ]
        )
    response = make_response(out.getvalue())
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="thu-phi-{sheet.day.isoformat()}.csv"'
    return response


def _payment_view(p: Payment) -> dict[str, Any]:
    return {
        "transaction_id": p.transaction_id,
        "code": p.code,
        "amount": money_vnd(p.amount),
        "fee": money_vnd(p.fee) if p.code else "",
        "time": f"{p.paid_at:%d/%m/%Y %H:%M}",
        "outcome": p.outcome,
        "outcome_text": p.outcome_text,
        "description": p.description,
    }


def _sheet_view(sheet: FeeSheet) -> dict[str, Any]:
    return {
        "day": sheet.day.isoformat(),
        "day_text": date_dmy(sheet.day),
        "dossiers": [
            {
                "code": d.code,
                "procedure_name": d.procedure_name,
                "fee": money_vnd(d.ledger.fee),
                "paid": money_vnd(d.ledger.paid),
                "owed": money_vnd(d.ledger.owed) if d.ledger.owed else "",
                "revoked": d.revoked,
            }
            for d in sheet.dossiers
        ],
        "collected": [_payment_view(p) for p in sheet.collected],
        "totals": [(agency, money_vnd(total)) for agency, total in sheet.totals().items()],
        "to_review": [_payment_view(p) for p in sheet.to_review],
    }

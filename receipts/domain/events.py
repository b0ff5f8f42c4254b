"""What is recorded for a dossier after its receipt, and the form (Mẫu) each record prints.

A status change may carry items (the missing papers of Mẫu 02, the reasons of Mẫu 03 and 05); a
hand-over (Mẫu 06) records who gave the dossier to whom without changing its status; an extension
(Mẫu 04) moves the appointment. Records are never changed, so the PDF of each is cached by its id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .errors import InvalidInput
from .statuses import Status

STATUS, HANDOVER, EXTENSION = "status", "handover", "extension"
KINDS = (STATUS, HANDOVER, EXTENSION)
# The statuses whose event prints a form for the applicant, and the form's number in Phụ lục I.
STATUS_FORMS = {Status.NEEDS_SUPPLEMENT: "02", Status.REJECTED: "03", Status.SUSPENDED: "05"}
EXTENSION_FORM = "04"
CONTROL_SHEET = "06"
FORMS = ("02", "03", "04", "05", "06")
# Items a form lists (papers, reasons): enough for any dossier, few enough that a form stays short.
MAX_ITEMS = 100


@dataclass(frozen=True)
class EventDraft:
    """What a caller asks to record: a status change and/or a hand-over."""

    status: Status | None
    note: str = ""
    items: tuple[str, ...] = ()
    officer: str = ""
    handover_from: str = ""
    handover_to: str = ""

    def check(self) -> None:
        """Raise InvalidInput unless the draft records something and its items belong to a form."""
        if self.status is None and not (self.handover_from or self.handover_to):
            raise InvalidInput(
                "Cần trạng thái mới hoặc thông tin giao nhận hồ sơ.", {"status": "Bắt buộc phải có."}
            )
        if bool(self.handover_from) != bool(self.handover_to):
            field = "handover.to" if self.handover_from else "handover.from"
            message = "Giao nhận hồ sơ cần cả bên giao và bên nhận."
            raise InvalidInput(message, {field: "Không được để trống."})
        if self.items and self.status not in STATUS_FORMS:
            raise InvalidInput(
                "Danh sách nội dung chỉ đi kèm trạng thái yêu cầu bổ sung, từ chối hoặc dừng xử lý.",
                {"items": "Không dùng với trạng thái này."},
            )


@dataclass(frozen=True)
class Event:
    """One record of a dossier's timeline, as stored."""

    id: int
    kind: str
    status: Status
    at: datetime
    note: str = ""
    items: tuple[str, ...] = ()
    officer: str = ""
    handover_from: str = ""
    handover_to: str = ""
    due_before: datetime | None = None
    due_after: datetime | None = None

    @property
    def form(self) -> str | None:
        """Return the number of the form this record prints for the applicant, or None."""
        if self.kind == EXTENSION:
            return EXTENSION_FORM
        if self.kind == STATUS:
            return STATUS_FORMS.get(self.status)
        return None

    @property
    def is_handover(self) -> bool:
        """Tell whether the record names a hand-over of the dossier (Mẫu 06)."""
        return bool(self.handover_from and self.handover_to)

    @property
    def for_applicant(self) -> bool:
        """Tell whether the applicant's timeline shows it: status changes and extensions."""
        return self.kind in (STATUS, EXTENSION)

"""Dossier statuses, their national-portal numbers and the transitions the life cycle allows."""

from __future__ import annotations

from enum import StrEnum

from .errors import BadTransition


class Status(StrEnum):
    """A dossier's status; `dvc` is the national public-service portal's number."""

    RECEIVED = "received"
    REJECTED = "rejected"
    IN_PROGRESS = "in_progress"
    NEEDS_SUPPLEMENT = "needs_supplement"
    AWAITING_PAYMENT = "awaiting_payment"
    WITHDRAWN = "withdrawn"
    SUSPENDED = "suspended"
    RESULT_READY = "result_ready"
    RETURNED = "returned"

    @property
    def dvc(self) -> int:
        """Return the portal's numeric status."""
        return _DVC[self]

    @property
    def text(self) -> str:
        """Return the status as shown to citizens."""
        return _TEXT[self]

    @property
    def gives_result(self) -> bool:
        """Tell whether this status means the result was given (the on-time rate counts the first)."""
        return self in (Status.RESULT_READY, Status.RETURNED)

    @property
    def is_finished(self) -> bool:
        """Tell whether the dossier's handling is over, so that its appointment no longer binds."""
        return self in _FINISHED


_DVC = {
    Status.RECEIVED: 2,
    Status.REJECTED: 3,
    Status.IN_PROGRESS: 4,
    Status.NEEDS_SUPPLEMENT: 5,
    Status.AWAITING_PAYMENT: 6,
    Status.WITHDRAWN: 7,
    Status.SUSPENDED: 8,
    Status.RESULT_READY: 9,
    Status.RETURNED: 10,
}
_TEXT = {
    Status.RECEIVED: "Được tiếp nhận",
    Status.REJECTED: "Không được tiếp nhận",
    Status.IN_PROGRESS: "Đang xử lý",
    Status.NEEDS_SUPPLEMENT: "Yêu cầu bổ sung giấy tờ",
    Status.AWAITING_PAYMENT: "Yêu cầu thực hiện nghĩa vụ tài chính",
    Status.WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    Status.SUSPENDED: "Dừng xử lý",
    Status.RESULT_READY: "Đã xử lý xong",
    Status.RETURNED: "Đã trả kết quả",
}
_FINISHED = frozenset({Status.RESULT_READY, Status.RETURNED, Status.REJECTED, Status.WITHDRAWN})
_WORKING = {
    Status.IN_PROGRESS,
    Status.NEEDS_SUPPLEMENT,
    Status.AWAITING_PAYMENT,
    Status.WITHDRAWN,
    Status.SUSPENDED,
    Status.RESULT_READY,
}
_NEXT: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset(_WORKING | {Status.REJECTED}),
    Status.IN_PROGRESS: frozenset(_WORKING - {Status.IN_PROGRESS} | {Status.REJECTED}),
    Status.NEEDS_SUPPLEMENT: frozenset(
        {Status.IN_PROGRESS, Status.WITHDRAWN, Status.SUSPENDED, Status.REJECTED}
    ),
    Status.AWAITING_PAYMENT: frozenset(
        {Status.IN_PROGRESS, Status.WITHDRAWN, Status.SUSPENDED, Status.RESULT_READY}
    ),
    Status.SUSPENDED: frozenset({Status.IN_PROGRESS, Status.WITHDRAWN}),
    Status.RESULT_READY: frozenset({Status.RETURNED}),
    Status.REJECTED: frozenset(),
    Status.WITHDRAWN: frozenset(),
    Status.RETURNED: frozenset(),
}


def check_transition(current: Status, new: Status) -> None:
    """Raise BadTransition unless `current` may become `new`."""
    if new not in _NEXT[current]:
        raise BadTransition(
            f"Không thể chuyển hồ sơ từ trạng thái “{current.text}” sang “{new.text}”.",
            {"status": new.value},
        )

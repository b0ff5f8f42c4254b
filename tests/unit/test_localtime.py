from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from receipts.domain.localtime import in_code_range

FAR_EAST, FAR_WEST = timezone(timedelta(hours=23, minutes=59)), timezone(-timedelta(hours=23, minutes=59))


@pytest.mark.parametrize(
    ("moment", "inside"),
    [
        (datetime.min.replace(tzinfo=FAR_EAST), False),
        (datetime.max.replace(tzinfo=FAR_WEST), False),
        (datetime.min.replace(tzinfo=UTC), False),
        (datetime.max.replace(tzinfo=UTC), False),
        (datetime(1999, 12, 31, 17, 0, tzinfo=UTC), True),
        (datetime(1999, 12, 31, 16, 59, 59, tzinfo=UTC), False),
        (datetime(2099, 12, 31, 16, 59, 59, tzinfo=UTC), True),
        (datetime(2099, 12, 31, 17, 0, tzinfo=UTC), False),
    ],
)
def test_a_moment_is_in_the_code_range_when_its_vietnamese_year_is_2000_to_2099(moment, inside):
    assert in_code_range(moment) is inside

"""Dates on the clock of Vietnam (Asia/Ho_Chi_Minh), whatever time zone a request activated:
a month of sales, a fair's days and a lot's harvest day all follow it."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def vietnam_today() -> datetime.date:
    return timezone.localdate(timezone=VIETNAM)

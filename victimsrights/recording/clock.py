"""The 24-hour recording clock (National Crime Recording Standard): from receipt to decision."""

import datetime
from dataclasses import dataclass

from victimsrights.compliance.working_days import ENGLAND_AND_WALES, LONDON

RECORDING_WINDOW = datetime.timedelta(hours=24)
DUE_SOON = datetime.timedelta(hours=4)


@dataclass(frozen=True)
class RecordingClock:
    received_at: datetime.datetime
    now: datetime.datetime

    @property
    def due_at(self) -> datetime.datetime:
        # 24 elapsed hours, whatever the clocks do: across a clock change the local time shifts.
        return self.received_at + RECORDING_WINDOW

    @property
    def time_left(self) -> datetime.timedelta:
        return self.due_at - self.now

    @property
    def overdue(self) -> bool:
        return self.time_left <= datetime.timedelta(0)

    @property
    def due_soon(self) -> bool:
        return not self.overdue and self.time_left <= DUE_SOON

    @property
    def due_local(self) -> datetime.datetime:
        return self.due_at.astimezone(LONDON)

    @property
    def bank_holiday(self) -> str:
        """The bank holiday the deadline falls on, if any: information for staffing, not an extension."""
        return str(ENGLAND_AND_WALES.get(self.due_local.date()) or "")

    @property
    def time_left_words(self) -> str:
        seconds = int(abs(self.time_left).total_seconds())
        hours, minutes = divmod(seconds // 60, 60)
        amount = f"{hours} hr {minutes} min" if hours else f"{minutes} min"
        return f"{amount} overdue" if self.overdue else f"{amount} left"

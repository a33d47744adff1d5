"""The London calendar and deadlines in working days: England and Wales bank holidays from the `holidays` package,
London dates and times."""

import datetime
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")
ENGLAND_AND_WALES = holidays.country_holidays("GB", subdiv="ENG")


def london_date(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(LONDON).date()


def due_on(triggered_at: datetime.datetime, working_days: int) -> datetime.date:
    """The last day to act: the Nth working day after the London day it started on.

    A duty started on a Saturday or a bank holiday counts from the next working day.
    """
    day = london_date(triggered_at)
    if working_days == 0:
        return day if ENGLAND_AND_WALES.is_working_day(day) else ENGLAND_AND_WALES.get_nth_working_day(day, 1)
    return ENGLAND_AND_WALES.get_nth_working_day(day, working_days)

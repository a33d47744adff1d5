"""Victims' Code deadlines in working days: weekends, England and Wales bank holidays, London dates."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from victimsrights.compliance.working_days import ENGLAND_AND_WALES, due_on

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC


def london(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("triggered_at", "working_days", "expected"),
    [
        # A Friday afternoon: the next working day is Monday; five take the whole next week.
        (london(2026, 12, 4, 15, 0), 1, datetime.date(2026, 12, 7)),
        (london(2026, 12, 4, 15, 0), 5, datetime.date(2026, 12, 11)),
        # A Saturday counts from Monday.
        (london(2026, 12, 5, 11, 0), 1, datetime.date(2026, 12, 7)),
        # Christmas Eve 2026 (Thursday): Christmas Day, the weekend and Boxing Day moved to Monday 28th.
        (london(2026, 12, 24, 10, 0), 1, datetime.date(2026, 12, 29)),
        # ... and New Year's Day 2027 (Friday) too.
        (london(2026, 12, 24, 10, 0), 5, datetime.date(2027, 1, 5)),
        # Easter 2027: Good Friday 26 March and Easter Monday 29 March.
        (london(2027, 3, 25, 12, 0), 1, datetime.date(2027, 3, 30)),
        (london(2027, 3, 25, 12, 0), 5, datetime.date(2027, 4, 5)),
        # A decision taken on Easter Monday itself counts from Tuesday.
        (london(2027, 3, 29, 9, 0), 1, datetime.date(2027, 3, 30)),
    ],
)
def test_deadlines_skip_weekends_and_bank_holidays(triggered_at, working_days, expected):
    assert due_on(triggered_at, working_days) == expected


def test_in_summer_time_half_past_midnight_in_london_is_the_next_day_though_utc_says_otherwise():
    # 23:30 UTC on Monday 19 October 2026 is 00:30 BST on Tuesday 20th.
    triggered_at = datetime.datetime(2026, 10, 19, 23, 30, tzinfo=UTC)
    assert due_on(triggered_at, 1) == datetime.date(2026, 10, 21)
    # In winter 23:30 UTC is 23:30 in London: still Monday.
    winter = datetime.datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    assert due_on(winter, 1) == datetime.date(2026, 11, 24)


def test_the_night_the_clocks_go_back_is_still_sunday_in_london():
    # 23:30 UTC on Saturday 24 October 2026 is 00:30 BST on Sunday 25th, before the clocks go back.
    assert due_on(datetime.datetime(2026, 10, 24, 23, 30, tzinfo=UTC), 1) == datetime.date(2026, 10, 26)


def test_enhanced_rights_are_sooner_than_standard_for_the_same_start():
    start = london(2027, 3, 25, 12, 0)
    assert due_on(start, 1) < due_on(start, 5)


@given(
    moment=st.datetimes(
        min_value=datetime.datetime(2026, 1, 1), max_value=datetime.datetime(2028, 12, 31), timezones=st.just(UTC)
    ),
    working_days=st.integers(min_value=1, max_value=30),
)
def test_the_last_day_is_a_working_day_with_exactly_n_working_days_after_the_start(moment, working_days):
    last_day = due_on(moment, working_days)
    start = moment.astimezone(LONDON).date()
    assert ENGLAND_AND_WALES.is_working_day(last_day)
    between = [start + datetime.timedelta(days=offset) for offset in range(1, (last_day - start).days + 1)]
    assert sum(ENGLAND_AND_WALES.is_working_day(day) for day in between) == working_days

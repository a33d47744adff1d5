from datetime import UTC, datetime

import pytest

from victimsrights.reporting.contact import next_safe_moment


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_any_time_means_now():
    now = utc(2026, 11, 24, 23, 30)
    assert next_safe_moment(now=now, safe_times=["any"]) == now


def test_inside_a_window_means_now():
    now = utc(2026, 11, 24, 10, 0)  # Tuesday 10am in London (GMT)
    assert next_safe_moment(now=now, safe_times=["weekday_morning"]) == now


def test_friday_night_waits_for_the_weekend_window_on_saturday_morning():
    now = utc(2026, 11, 27, 22, 0)  # Friday 10pm
    assert next_safe_moment(now=now, safe_times=["weekend", "weekday_morning"]) == utc(2026, 11, 28, 10, 0)


def test_windows_follow_london_time_across_the_clock_change():
    # Clocks go forward on Sunday 29 March 2026: 9am on Monday 30 March is 8am UTC.
    now = utc(2026, 3, 27, 18, 0)  # Friday 6pm GMT, after the mornings window
    assert next_safe_moment(now=now, safe_times=["weekday_morning"]) == utc(2026, 3, 30, 8, 0)
    # And back on Sunday 25 October 2026: 9am on Monday 26 October is 9am UTC again.
    now = utc(2026, 10, 23, 18, 0)
    assert next_safe_moment(now=now, safe_times=["weekday_morning"]) == utc(2026, 10, 26, 9, 0)


def test_an_evening_only_victim_is_not_contacted_in_the_afternoon():
    now = utc(2026, 6, 10, 13, 0)  # Wednesday 2pm BST
    assert next_safe_moment(now=now, safe_times=["weekday_evening"]) == utc(2026, 6, 10, 16, 0)


def test_an_unknown_window_is_an_error():
    with pytest.raises(KeyError):
        next_safe_moment(now=utc(2026, 6, 10, 13, 0), safe_times=["midnight"])

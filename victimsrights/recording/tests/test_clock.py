from datetime import UTC, datetime, timedelta

from victimsrights.recording.clock import RecordingClock


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_the_decision_is_due_24_hours_after_receipt():
    clock = RecordingClock(received_at=utc(2026, 11, 24, 9, 30), now=utc(2026, 11, 24, 10, 0))
    assert clock.due_at == utc(2026, 11, 25, 9, 30)
    assert clock.time_left == timedelta(hours=23, minutes=30)
    assert clock.time_left_words == "23 hr 30 min left"
    assert not clock.due_soon and not clock.overdue


def test_within_four_hours_of_the_deadline_it_is_due_soon():
    clock = RecordingClock(received_at=utc(2026, 11, 24, 9, 0), now=utc(2026, 11, 25, 5, 0))
    assert clock.due_soon and not clock.overdue


def test_at_and_after_the_deadline_it_is_overdue():
    received = utc(2026, 11, 24, 9, 0)
    assert RecordingClock(received_at=received, now=utc(2026, 11, 25, 9, 0)).overdue
    late = RecordingClock(received_at=received, now=utc(2026, 11, 25, 10, 15))
    assert late.overdue and late.time_left_words == "1 hr 15 min overdue"


def test_across_the_spring_clock_change_it_is_24_real_hours_shown_in_london_time():
    # Received 9am GMT on Saturday 28 March 2026; clocks go forward at 1am on Sunday.
    clock = RecordingClock(received_at=utc(2026, 3, 28, 9, 0), now=utc(2026, 3, 28, 9, 0))
    assert clock.due_at == utc(2026, 3, 29, 9, 0)
    assert clock.due_local.hour == 10  # 10am BST on the Sunday: still 24 hours later


def test_across_the_autumn_clock_change():
    # Received 9am BST (8am UTC) on Saturday 24 October 2026; clocks go back on Sunday.
    clock = RecordingClock(received_at=utc(2026, 10, 24, 8, 0), now=utc(2026, 10, 24, 8, 0))
    assert clock.due_local.hour == 8  # 8am GMT on the Sunday


def test_a_deadline_on_a_bank_holiday_is_named_as_information_not_an_extension():
    clock = RecordingClock(received_at=utc(2026, 12, 24, 15, 0), now=utc(2026, 12, 24, 15, 0))
    assert clock.bank_holiday == "Christmas Day"
    assert clock.due_at == utc(2026, 12, 25, 15, 0)
    assert RecordingClock(received_at=utc(2026, 12, 22, 9, 0), now=utc(2026, 12, 22, 9, 0)).bank_holiday == ""

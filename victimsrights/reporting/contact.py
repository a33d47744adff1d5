"""Safe contact times: when a message may reach the victim."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from victimsrights.reporting.models import ContactChannel, ContactPreferences, SafeTime

LONDON = ZoneInfo("Europe/London")
WINDOWS: dict[str, tuple[frozenset[int], time, time]] = {
    SafeTime.WEEKDAY_MORNING: (frozenset(range(5)), time(9), time(12)),
    SafeTime.WEEKDAY_AFTERNOON: (frozenset(range(5)), time(12), time(17)),
    SafeTime.WEEKDAY_EVENING: (frozenset(range(5)), time(17), time(21)),
    SafeTime.WEEKEND: (frozenset({5, 6}), time(10), time(17)),
}


def next_safe_moment(*, now: datetime, safe_times: list[str]) -> datetime:
    """The earliest moment at or after `now` inside one of the victim's safe windows.

    Windows are in London local time, so they follow the clock change.
    """
    if not safe_times or SafeTime.ANY in safe_times:
        return now
    local_now = now.astimezone(LONDON)
    candidates = []
    for day_offset in range(8):
        day = (local_now + timedelta(days=day_offset)).date()
        for key in safe_times:
            weekdays, start, end = WINDOWS[key]
            if day.weekday() not in weekdays:
                continue
            window_start = datetime.combine(day, start, tzinfo=LONDON)
            window_end = datetime.combine(day, end, tzinfo=LONDON)
            if window_start <= local_now < window_end:
                return now
            if window_start > local_now:
                candidates.append(window_start)
        if candidates:
            return min(candidates).astimezone(now.tzinfo)
    raise ValueError(f"No safe window in the next week for {safe_times!r}")


def safe_written_route(contact: ContactPreferences) -> tuple[str, str] | None:
    """The victim's own safe written channel: email, else text (which needs GOV.UK Notify)."""
    if ContactChannel.EMAIL in contact.channels and contact.email:
        return "email", contact.email
    if ContactChannel.TEXT in contact.channels and contact.mobile and settings.NOTIFY_API_KEY:
        return "text", contact.mobile
    return None

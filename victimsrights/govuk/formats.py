"""Dates and times as the GOV.UK style guide writes them, in London time: one way everywhere a person reads one.

Style guide, "Times": "5:30pm", "10am" (not 10:00am), "midday" and "midnight" (not 12pm or 12am);
"Dates": "14 January 2027" (no ordinals, no leading zero). In another language the reader chose, the way that
language writes them (Django's locale formats: in Polish "14 stycznia 2027", "17:30").
"""

import datetime

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext


def _in_english() -> bool:
    return (translation.get_language() or "en").startswith("en")


def time_words(at: datetime.datetime) -> str:
    local = timezone.localtime(at)
    if not _in_english():
        return date_format(local, "TIME_FORMAT")
    if local.minute == 0 and local.hour in (0, 12):
        return "midnight" if local.hour == 0 else "midday"
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{local.hour % 12 or 12}{minutes}{'am' if local.hour < 12 else 'pm'}"


def date_words(at: datetime.date | datetime.datetime) -> str:
    day = timezone.localtime(at) if isinstance(at, datetime.datetime) else at
    if not _in_english():
        return date_format(day, "DATE_FORMAT")
    return f"{day.day} {day:%B %Y}"


def when_words(at: datetime.datetime, *, weekday: bool = False) -> str:
    """14 January 2027 at 10am; with the weekday, Thursday 14 January 2027 at 10am."""
    local = timezone.localtime(at)
    day = f"{date_format(local, 'l')} " if weekday else ""
    return gettext("{date} at {time}").format(date=f"{day}{date_words(local)}", time=time_words(local))

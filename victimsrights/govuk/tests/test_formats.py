"""Dates and times as the reader's language writes them: GOV.UK style in English, the locale's own way otherwise."""

import datetime
import zoneinfo

from django.utils import translation

from victimsrights.govuk.formats import date_words, time_words, when_words

LONDON = zoneinfo.ZoneInfo("Europe/London")


def test_english_follows_the_govuk_style_guide():
    with translation.override("en-gb"):
        assert when_words(datetime.datetime(2027, 1, 14, 10, 0, tzinfo=LONDON)) == "14 January 2027 at 10am"
        assert time_words(datetime.datetime(2027, 1, 14, 17, 30, tzinfo=LONDON)) == "5:30pm"
        assert time_words(datetime.datetime(2027, 1, 14, 12, 0, tzinfo=LONDON)) == "midday"
        assert when_words(datetime.datetime(2027, 1, 14, 0, 0, tzinfo=LONDON), weekday=True) == (
            "Thursday 14 January 2027 at midnight"
        )


def test_polish_writes_the_month_in_the_genitive_and_a_24_hour_clock():
    with translation.override("pl"):
        assert date_words(datetime.date(2027, 3, 27)) == "27 marca 2027"
        assert time_words(datetime.datetime(2027, 1, 14, 17, 30, tzinfo=LONDON)) == "17:30"
        assert when_words(datetime.datetime(2027, 1, 14, 10, 0, tzinfo=LONDON), weekday=True) == (
            "Czwartek 14 stycznia 2027 o 10:00"  # Django's Polish names start with a capital
        )

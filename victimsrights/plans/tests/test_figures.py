"""Every plan figure against numbers worked out by hand from `fixtures.known_records`.

Each expected number is reasoned in the comment beside it; a figure counted one too many or too
few (a boundary on the wrong side, a record in the wrong year or place) fails its assertion.
"""

import pytest

from victimsrights.plans.document import FigureRow, figures_with_change
from victimsrights.plans.figures import Measure, percentile, plan_figures
from victimsrights.plans.tests.fixtures import NOW, known_records

pytestmark = pytest.mark.usefixtures("london")

CENTRAL_NORTH = ("bcu", "central-north")
CAMDEN = ("borough", "E09000007")
ISLINGTON = ("borough", "E09000019")
SOUTH = ("bcu", "south")
CROYDON = ("borough", "E09000008")


@pytest.fixture
def figures():
    known_records()
    return plan_figures(2026, now=NOW)


def test_reports_received_by_channel_and_safe_place(figures):
    area = figures[CENTRAL_NORTH]
    assert area["reports.total"] == 6  # A B C D E H; F is the last second of 2025, X is in South
    assert area["reports.online"] == 4  # A D E H
    assert area["reports.station"] == 1  # C
    assert area["reports.safe_place"] == 1  # B
    assert area["reports.safe_place.sarc"] == 1
    assert area["reports.safe_place.refuge"] == 0
    assert figures[CAMDEN]["reports.total"] == 3  # A B H
    assert figures[ISLINGTON]["reports.total"] == 3  # C D E
    assert figures[SOUTH]["reports.total"] == figures[CROYDON]["reports.total"] == 1


def test_recording_decisions_within_24_hours(figures):
    area = figures[CENTRAL_NORTH]
    assert area["recording.decided"] == 4  # A B C H
    assert area["recording.within_24h"] == 2  # A at 24:00:00 exactly, C at 2 hours
    assert area["recording.past_24h"] == 3  # B at 24:00:01, H at 30 hours, D waiting 25 hours (not E, 1 hour)
    # Of the reports whose 24 hours have run: E, waiting 1 hour, has neither met nor missed the clock.
    assert area["recording.within_24h_percent"] == 40.0  # A C of A B C D H
    assert figures[CAMDEN]["recording.within_24h_percent"] == 33.3  # A of A B H
    assert figures[ISLINGTON]["recording.within_24h_percent"] == 50.0  # C of C D


def test_time_to_decide_median_and_90th_percentile(figures):
    # Hours to decide: C 2, A 24, B 24.0003, H 30.
    assert figures[CENTRAL_NORTH]["recording.median_hours"] == 24.0  # (24 + 24.0003) / 2
    assert figures[CENTRAL_NORTH]["recording.p90_hours"] == 28.2  # 24.0003 + 0.7 x (30 - 24.0003)
    assert figures[ISLINGTON]["recording.median_hours"] == 2.0  # C only; D and E are waiting
    assert figures[ISLINGTON]["recording.p90_hours"] == 2.0


def test_refusals_appeals_and_cancellations(figures):
    area = figures[CENTRAL_NORTH]
    assert area["recording.refusals"] == 2  # C, and F refused on New Year's Day 2026
    assert area["recording.appeals"] == 2  # C's and F's
    assert area["recording.appeals_overturned"] == 1  # C's
    assert area["recording.cancelled"] == 1  # A's crime record
    assert figures[CAMDEN]["recording.refusals"] == 1  # F
    assert figures[ISLINGTON]["recording.appeals_overturned"] == 1  # C


def test_right_to_review(figures):
    area = figures[CENTRAL_NORTH]
    assert area["reviews.requested"] == 4
    assert (area["reviews.national"], area["reviews.london"], area["reviews.cps"]) == (2, 1, 1)
    assert area["reviews.accepted"] == 2  # the late one waits to be accepted
    assert area["reviews.upheld"] == 1
    assert area["reviews.overturned"] == 1
    assert area["reviews.median_days"] == 7.0  # 10 days and 4 days
    assert figures[ISLINGTON]["reviews.requested"] == 0


def test_victims_code_duties_on_time(figures):
    area = figures[CENTRAL_NORTH]
    assert area["duties.owed"] == 3  # met on the last day, met late, overdue; not the one due today
    assert area["duties.on_time"] == 1
    assert area["duties.breached"] == 2
    assert area["duties.on_time_percent"] == 33.3
    assert area["duties.standard.on_time_percent"] == 50.0  # on the last day, a day late
    assert area["duties.enhanced.on_time_percent"] == 0.0  # overdue
    assert area["duties.acknowledge.on_time_percent"] == 100.0  # the 2025 one is not this year's
    assert area["duties.needs-assessment.on_time_percent"] == 0.0
    assert area["duties.tell-no-charge.on_time_percent"] == 0.0
    assert area["duties.tell-closed.on_time_percent"] is None  # due today: nothing owed yet
    assert figures[ISLINGTON]["duties.on_time_percent"] is None


def test_outcomes_messages_complaints_and_alerts(figures):
    area = figures[CENTRAL_NORTH]
    assert area["outcomes.15"] == 2  # A and H
    assert area["outcomes.1"] == 1  # B
    assert area["outcomes.2"] == 0
    assert area["messages.received"] == 3  # from the victim; not the officer's
    assert area["messages.answered"] == 2
    assert area["messages.median_hours"] == 13.5  # 3 hours and 24 hours
    assert area["complaints.received"] == 2  # the 2025 one is last year's
    assert area["complaints.upheld"] == 2  # answered in 2026: May's and the one made in 2025
    assert area["complaints.escalated"] == 1
    assert area["complaints.commissioner_upheld"] == 1
    assert area["alerts.email"] == 2  # the failed one is not sent
    assert area["alerts.text"] == 1  # the waiting one is not sent
    assert figures[SOUTH]["complaints.received"] == 1
    assert figures[SOUTH]["alerts.email"] == 1


def test_each_figure_beside_last_year():
    known_records()
    figures = figures_with_change(2026, area_codes=["central-north"], now=NOW)
    assert set(figures) == {CENTRAL_NORTH, CAMDEN, ISLINGTON}
    area = figures[CENTRAL_NORTH]
    assert area["reports.total"] == [6, 1]  # F in 2025
    assert area["recording.within_24h_percent"] == [40.0, 100.0]  # F decided in an hour
    assert area["complaints.received"] == [2, 1]
    assert area["duties.acknowledge.on_time_percent"] == [100.0, 100.0]
    percent = Measure("x", "s", "x", "percent")
    assert FigureRow(percent, *area["recording.within_24h_percent"]).change_text == "\N{MINUS SIGN}60 points"
    count = Measure("x", "s", "x", "count")
    assert FigureRow(count, *area["reports.total"]).change_text == "+5"
    assert FigureRow(count, 3, 3).change_text == "No change"
    assert FigureRow(percent, None, 50.0).change_text == "Cannot compare"


def test_percentile_interpolates_like_postgresql():
    assert percentile([], 0.5) is None
    assert percentile([7.0], 0.9) == 7.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile([10.0, 0.0, 5.0], 0.9) == pytest.approx(9.0)


def test_counting_takes_the_same_queries_whatever_the_number_of_areas(django_assert_max_num_queries):
    known_records()
    with django_assert_max_num_queries(24):
        plan_figures(2026, now=NOW)

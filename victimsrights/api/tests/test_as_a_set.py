"""A batch applied with its new crimes as a set gives the same results, and writes the same rows, as the same batch
applied one event at a time: for any mix of new crimes, outcomes, updates to a live case, repeated event ids, crimes
already recorded, times in the future, bad codes and numbers outside the force's namespace."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from victimsrights.api import services
from victimsrights.api.schemas import EventIn
from victimsrights.api.tests.rows import all_rows, assert_same_rows
from victimsrights.areas.models import Force
from victimsrights.cases.models import PUBLISHED_OUTCOME_CATEGORIES
from victimsrights.cases.tests.factories import recorded_case

pytestmark = pytest.mark.usefixtures("london")

NOW = datetime.datetime.now(datetime.UTC)
LIVE = "the live case's number"
NUMBERS = ["MET-R1", "MET-R2", "MET-R3", "met-r1", "MET-2026-0000001", "COL-R1", LIVE]
BOROUGHS = [None, "E09000007", "E09000001", "E09000099"]  # Camden, the City (another force's), none in London
OFFENCES = ["28E", "105A", "19C", "8P", "9A", "53", "XYZ"]  # enhanced (19C, 8P), fraud (not recorded), unknown


def _event(number: str, live: str) -> st.SearchStrategy[dict]:
    crime = st.fixed_dictionaries(
        {
            "classification_code": st.sampled_from(OFFENCES),
            "borough_code": st.sampled_from(BOROUGHS),
            "area_code": st.sampled_from([None, "central-north", "no-such-area"]),
        }
    )
    return st.fixed_dictionaries(
        {
            "event_id": st.sampled_from([f"e{n}" for n in range(8)]),
            "crime_number": st.just(live if number == LIVE else number),
            "kind": st.sampled_from(["crime_recorded"] * 3 + ["outcome_recorded"] * 2 + ["victim_update"]),
            "occurred_at": st.sampled_from([NOW - datetime.timedelta(days=days) for days in (9, 5, 5, 2, -1)]),
            "crime": st.none() | crime,
            "outcome_code": st.sampled_from([None, 1, 16, 18, 23]),
            "published_outcome": st.sampled_from([None, PUBLISHED_OUTCOME_CATEGORIES[0]]),
            "victim_update": st.sampled_from(["", "We have arrested someone."]),
        }
    )


def _batch(live: str) -> st.SearchStrategy[list[dict]]:
    return st.lists(st.sampled_from(NUMBERS).flatmap(lambda number: _event(number, live)), max_size=12)


def _applied(client, events: list[EventIn], *, as_a_set: bool) -> tuple[list, dict]:
    started = timezone.now()
    with transaction.atomic():
        results = services.events_apply(client=client, events=events, as_a_set=as_a_set)
        rows = all_rows(started, timezone.now() + datetime.timedelta(seconds=1))
        transaction.set_rollback(True)
    return results, rows


def test_a_batch_as_a_set_gives_the_results_and_rows_one_by_one_gives():
    _report, live_case, _officer = recorded_case()
    client, _key = services.client_create(name="Met records system", force=Force.objects.get(code="met"))
    live = live_case.crime.crime_number
    earlier = [
        EventIn(
            event_id="e0",
            crime_number="MET-R2",
            kind="crime_recorded",
            occurred_at=NOW - datetime.timedelta(days=20),
            crime={"classification_code": "28E", "borough_code": "E09000007"},
        )
    ]
    services.events_apply(client=client, events=earlier)  # a crime and an event id the batches meet again

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(batch=_batch(live))
    def check(batch: list[dict]) -> None:
        events = [EventIn(**event) for event in batch]
        expected_results, expected_rows = _applied(client, events, as_a_set=False)
        results, rows = _applied(client, events, as_a_set=True)
        assert results == expected_results
        assert_same_rows(rows, expected_rows)

    check()

"""A batch applied with its new crimes and case histories as sets gives the same results, and writes the same rows, as
the same batch applied one event at a time: for any mix of new crimes, outcomes, arrests, statements, sentences and
referrals that open and meet duties, updates to live cases (one with enhanced rights) and to a records-only one,
repeated event ids, crimes already recorded, times in the future, bad codes and numbers outside the force's
namespace."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from victimsrights.api import services
from victimsrights.api.schemas import EventIn
from victimsrights.api.tests.rows import all_rows, assert_same_rows
from victimsrights.areas.models import Force
from victimsrights.cases.models import PUBLISHED_OUTCOME_CATEGORIES
from victimsrights.cases.tests.factories import recorded_case

pytestmark = pytest.mark.usefixtures("london")

NOW = datetime.datetime.now(datetime.UTC)
LIVE, ENHANCED = "the live case's number", "the number of a live case with enhanced rights"
NUMBERS = ["MET-R1", "MET-R2", "MET-R3", "met-r1", "MET-2026-0000001", "COL-R1", LIVE, ENHANCED]
HISTORY = ["suspect_arrested", "witness_statement_taken", "vps_offered", "vcs_qualifying_sentence", "vcs_referral_made"]
BOROUGHS = [None, "E09000007", "E09000001", "E09000099"]  # Camden, the City (another force's), none in London
OFFENCES = ["28E", "105A", "19C", "8P", "9A", "53", "XYZ"]  # enhanced (19C, 8P), fraud (not recorded), unknown


def _event(number: str, live: dict[str, str], kinds: list[str]) -> st.SearchStrategy[dict]:
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
            "crime_number": st.just(live.get(number, number)),
            "kind": st.sampled_from(kinds),
            "occurred_at": st.sampled_from([NOW - datetime.timedelta(days=days) for days in (9, 5, 5, 2, -1)]),
            "crime": st.none() | crime,
            "outcome_code": st.sampled_from([None, 1, 16, 18, 23]),
            "published_outcome": st.sampled_from([None, PUBLISHED_OUTCOME_CATEGORIES[0]]),
            "victim_update": st.sampled_from(["", "We have arrested someone."]),
        }
    )


def _batch(live: dict[str, str]) -> st.SearchStrategy[list[dict]]:
    """Mostly new crimes, or mostly the history of the live cases (with a few other events among them)."""
    every_kind = ["crime_recorded"] * 3 + ["outcome_recorded"] * 2 + ["victim_update"] + HISTORY
    history = [*HISTORY, *HISTORY, "victim_update", "outcome_recorded"]
    return st.one_of(
        st.lists(st.sampled_from(NUMBERS).flatmap(lambda number: _event(number, live, every_kind)), max_size=12),
        st.lists(
            st.sampled_from([LIVE, ENHANCED, LIVE, ENHANCED, "MET-R2", "COL-R1"]).flatmap(
                lambda number: _event(number, live, history)
            ),
            max_size=12,
        ),
    )


def _applied(client, events: list[EventIn], *, as_a_set: bool) -> tuple[list, dict]:
    started = timezone.now()
    with transaction.atomic():
        results = services.events_apply(client=client, events=events, as_a_set=as_a_set)
        rows = all_rows(started, timezone.now() + datetime.timedelta(seconds=1))
        transaction.set_rollback(True)
    return results, rows


def test_a_batch_as_a_set_gives_the_results_and_rows_one_by_one_gives():
    live = {LIVE: recorded_case()[1].crime.crime_number, ENHANCED: recorded_case(offence="19C")[1].crime.crime_number}
    client, _key = services.client_create(name="Met records system", force=Force.objects.get(code="met"))
    long_ago = NOW - datetime.timedelta(days=20)
    earlier = [
        EventIn(
            event_id="e0",
            crime_number="MET-R2",
            kind="crime_recorded",
            occurred_at=long_ago,
            crime={"classification_code": "28E", "borough_code": "E09000007"},
        ),
        EventIn(event_id="w1", crime_number=live[LIVE], kind="witness_statement_taken", occurred_at=long_ago),
        EventIn(event_id="w2", crime_number=live[ENHANCED], kind="vcs_qualifying_sentence", occurred_at=long_ago),
        EventIn(  # a duty opened after some of the batches' events, which those do not meet
            event_id="w3",
            crime_number=live[ENHANCED],
            kind="witness_statement_taken",
            occurred_at=NOW - datetime.timedelta(days=3),
        ),
    ]
    services.events_apply(client=client, events=earlier)  # crimes, open duties and an event id the batches meet again

    def history(event_id: str, number: str, kind: str, days_ago: int) -> dict:
        return {
            "event_id": event_id,
            "crime_number": live.get(number, number),
            "kind": kind,
            "occurred_at": NOW - datetime.timedelta(days=days_ago),
        }

    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
    @given(batch=_batch(live))
    @example(batch=[history("e1", ENHANCED, "vps_offered", 5)])  # before the duty it would meet was opened
    @example(batch=[history("e1", LIVE, "vps_offered", 2), history("e2", "MET-R2", "suspect_arrested", 2)])
    @example(  # a duty opened and met in the batch, sent newest first
        batch=[history("e1", ENHANCED, "vps_offered", 2), history("e2", ENHANCED, "witness_statement_taken", 9)]
    )
    def check(batch: list[dict]) -> None:
        events = [EventIn(**event) for event in batch]
        expected_results, expected_rows = _applied(client, events, as_a_set=False)
        results, rows = _applied(client, events, as_a_set=True)
        assert results == expected_results
        assert_same_rows(rows, expected_rows)

    check()

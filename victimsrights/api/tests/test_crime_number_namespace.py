"""Crime numbers are shared by two writers, the service and a force's records system: each stays in its own space."""

import datetime
import json

import pytest
from django.urls import reverse

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.api import services
from victimsrights.areas.models import Force
from victimsrights.cases.models import Case
from victimsrights.compliance.working_days import LONDON
from victimsrights.recording import services as recording
from victimsrights.recording.models import Crime, CrimeNumberSequence, OffenceClassification
from victimsrights.reporting.tests.factories import submitted_report

pytestmark = pytest.mark.usefixtures("london")

CAMDEN, CITY = "E09000007", "E09000001"


def crime_recorded(client, key, number, borough_code, event_id="c-1"):
    body = {
        "event_id": event_id,
        "crime_number": number,
        "kind": "crime_recorded",
        "occurred_at": (datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)).isoformat(),
        "crime": {"classification_code": "28E", "borough_code": borough_code},
    }
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    return client.post(reverse("api:events"), json.dumps(body), content_type="application/json", **headers)


def record_next(area="central-north"):
    report = submitted_report()
    officer = staff(Role.RECORDING_OFFICER, area=area, username=f"rec{report.pk}")
    return recording.crime_record(
        report_id=report.pk, classification=OffenceClassification.objects.get(code="39"), actor=officer
    )


@pytest.mark.parametrize(
    "number",
    [
        "MET-2026-0000020",  # the Met's next allocation
        f"MET-{datetime.date.today().year}-0000001",
        "met-2026-0000002",  # the same, in lower case
        "MET-2027-12345678",  # the service's range, with more digits
        "VR-K7QP-2MXD",  # a report reference
        "RMS-0001",  # no force prefix
        "MET-",
    ],
)
def test_another_forces_client_cannot_write_in_the_mets_namespace_or_the_services_range(client, number):
    _, city_key = services.client_create(name="City records", force=Force.objects.get(code="city-of-london"))
    _, met_key = services.client_create(name="Met records", force=Force.objects.get(code="met"))
    for key, borough in ((city_key, CITY), (met_key, CAMDEN)):
        response = crime_recorded(client, key, number, borough)
        assert response.status_code == 422, number
        assert response.json()["errors"][0]["field"] == "crime_number"
    assert not Crime.objects.exists()


def test_the_api_cannot_block_the_services_crime_recording(client):
    """The outside review's attack: take the Met's next number through the API, then record a crime."""
    _, city_key = services.client_create(name="City records", force=Force.objects.get(code="city-of-london"))
    year = datetime.date.today().year
    assert crime_recorded(client, city_key, f"MET-{year}-0000001", CITY).status_code == 422
    first = record_next()
    assert first.crime_number == f"MET-{year}-0000001"
    assert record_next().crime_number == f"MET-{year}-0000002"


def test_allocation_skips_a_number_already_taken_rather_than_failing():
    year = datetime.date.today().year
    first = record_next()
    # A number in the service's range written behind the service's back (a restore, a hand edit).
    taken = Crime.objects.create(
        report=submitted_report(),
        crime_number=f"MET-{year}-0000002",
        classification=first.classification,
        recorded_at=first.recorded_at,
        recorded_by_team="elsewhere",
    )
    assert record_next().crime_number == f"MET-{year}-0000003"
    assert CrimeNumberSequence.objects.get(force__code="met", year=year).last_value == 3
    assert taken.crime_number != first.crime_number


def test_a_client_writes_its_own_forces_numbers_and_is_told_only_of_its_own_duplicates(client):
    _, city_key = services.client_create(name="City records", force=Force.objects.get(code="city-of-london"))
    _, met_key = services.client_create(name="Met records", force=Force.objects.get(code="met"))
    assert crime_recorded(client, met_key, "MET-RMS-77", CAMDEN).json()["result"] == "applied"
    assert Case.objects.get(crime__crime_number="MET-RMS-77").records_only
    again = crime_recorded(client, met_key, "MET-RMS-77", CAMDEN, event_id="c-2")
    assert again.status_code == 409
    # The City's client asking about the Met's number gets the namespace answer, whether or not it exists.
    existing = crime_recorded(client, city_key, "MET-RMS-77", CITY, event_id="c-3")
    missing = crime_recorded(client, city_key, "MET-RMS-78", CITY, event_id="c-4")
    assert existing.status_code == missing.status_code == 422
    assert existing.json()["title"] == missing.json()["title"]
    assert crime_recorded(client, city_key, "COL-RMS-77", CITY, event_id="c-5").json()["result"] == "applied"


def test_a_forces_crime_next_door_or_with_no_location_counts_for_its_area_and_shows_apart(client):
    """Issue 23: City of London Police crimes in a neighbouring borough, or with no location, are the force's crimes;
    the borough where one happened counts it as another force's, not as its own."""
    from victimsrights.plans.figures import plan_figures

    _, city_key = services.client_create(name="City records", force=Force.objects.get(code="city-of-london"))
    tower_hamlets = "E09000030"
    assert crime_recorded(client, city_key, "COL-RMS-1", tower_hamlets).json()["result"] == "applied"
    assert crime_recorded(client, city_key, "COL-RMS-2", None, event_id="c-2").json()["result"] == "applied"
    assert crime_recorded(client, city_key, "COL-RMS-3", CITY, event_id="c-3").json()["result"] == "applied"
    assert {crime.report.area.code for crime in Crime.objects.all()} == {"city-of-london"}

    figures = plan_figures(Crime.objects.first().recorded_at.astimezone(LONDON).year)
    force, city = figures[("bcu", "city-of-london")], figures[("borough", CITY)]
    there = figures[("borough", tower_hamlets)]
    assert (force["crimes.recorded"], force["placed.outside"], force["placed.no_location"]) == (3, 1, 1)
    assert city["crimes.recorded"] == 1
    assert (there["crimes.recorded"], there["placed.by_other_force"]) == (0, 1)


def test_a_force_with_several_areas_names_the_area_of_a_crime_with_no_location(client):
    _, met_key = services.client_create(name="Met records", force=Force.objects.get(code="met"))

    def send(number, borough, area_code):
        body = {
            "event_id": number,
            "crime_number": number,
            "kind": "crime_recorded",
            "occurred_at": (datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)).isoformat(),
            "crime": {"classification_code": "28E", "borough_code": borough, "area_code": area_code},
        }
        headers = {"HTTP_AUTHORIZATION": f"Bearer {met_key}"}
        return client.post(reverse("api:events"), json.dumps(body), content_type="application/json", **headers)

    for number, borough, area_code, field in [
        ("MET-RMS-1", None, None, "crime.area_code"),  # which of the Met's areas?
        ("MET-RMS-2", None, "city-of-london", "crime.area_code"),  # another force's area
        ("MET-RMS-3", CAMDEN, "south-west", "crime.area_code"),  # Camden is not in that area
        ("MET-RMS-4", "E09000099", None, "crime.borough_code"),  # no such borough
    ]:
        response = send(number, borough, area_code)
        assert response.status_code == 422, number
        assert response.json()["errors"][0]["field"] == field, number
    assert send("MET-RMS-5", None, "central-north").json()["result"] == "applied"
    assert Crime.objects.get().report.area.code == "central-north"

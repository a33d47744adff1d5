"""Victims' Code Right 10 (to be paid expenses and have property returned): the victim sees the property recorded
against their crime and where it is; officers and the records system record and update it, and each change is an
update the victim is alerted to."""

import datetime
import json

import pytest
from django.urls import reverse

from victimsrights.api import services as api
from victimsrights.areas.models import Force
from victimsrights.cases import services as cases
from victimsrights.cases.models import PropertyItem, PropertyKind, PropertyStatus
from victimsrights.cases.tests.factories import recorded_case, signed_in
from victimsrights.notify.models import Delivery

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("london")]
BIKE = "Black mountain bike with a child seat"
COUNTER = "Holborn police station front counter, any weekday 9am to 5pm. Bring photo ID."


def test_the_officer_records_the_victims_property_and_the_victim_follows_it_to_collection(client):
    report, case, officer = recorded_case()
    client.force_login(officer)
    page = reverse("cases:case", kwargs={"case_id": case.pk})
    response = client.post(
        reverse("cases:property", kwargs={"case_id": case.pk}),
        {"description": BIKE, "kind": "stolen", "status": "outstanding", "collection": ""},
    )
    assert response.url == page
    item = PropertyItem.objects.get()
    victim = signed_in(report)
    shown = victim.get(reverse("portal:report")).content.decode()
    assert BIKE in shown and "Not found yet" in shown
    assert Delivery.objects.alerts().filter(report=report).count() == 1  # the change is an update: sign in to see it

    asked = client.post(
        reverse("cases:property-status", kwargs={"case_id": case.pk}),
        {"item": item.pk, "status": "ready_to_collect", "collection": " "},
    )
    assert asked.status_code == 200
    assert "Say where and when the victim can collect it" in asked.content.decode()  # on the same page
    item.refresh_from_db()
    assert item.status == PropertyStatus.OUTSTANDING

    client.post(
        reverse("cases:property-status", kwargs={"case_id": case.pk}),
        {"item": item.pk, "status": "ready_to_collect", "collection": COUNTER},
    )
    shown = victim.get(reverse("portal:report")).content.decode()
    assert "Ready to collect" in shown and "Bring photo ID." in shown
    assert Delivery.objects.alerts().filter(report=report).count() == 2


def test_an_officer_cannot_change_property_recorded_in_another_case(client):
    _report, case, officer = recorded_case()
    _other_report, other, _officer = recorded_case(seed=2)
    theirs = cases.property_record(
        case_id=other.pk,
        description=BIKE,
        kind=PropertyKind.STOLEN,
        status=PropertyStatus.OUTSTANDING,
        collection="",
        actor=officer,
    )
    client.force_login(officer)
    response = client.post(
        reverse("cases:property-status", kwargs={"case_id": case.pk}),
        {"item": theirs.pk, "status": "returned", "collection": ""},
    )
    assert "Choose an item of property recorded in this case" in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.status == PropertyStatus.OUTSTANDING


def test_the_records_system_records_and_updates_property_by_its_own_reference(client):
    report, case, _officer = recorded_case()
    _client, key = api.client_create(name="Met records", force=Force.objects.get(code="met"))
    now = datetime.datetime.now(datetime.UTC)

    def send(event_id, status, at, collection=""):
        body = {
            "event_id": event_id,
            "crime_number": case.crime.crime_number,
            "kind": "property_updated",
            "occurred_at": at.isoformat(),
            "property": {
                "reference": "EXH-0042",
                "description": BIKE,
                "kind": "seized",
                "status": status,
                "collection": collection,
            },
        }
        headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        return client.post(reverse("api:events"), json.dumps(body), content_type="application/json", **headers)

    assert send("p-1", "held_as_evidence", now - datetime.timedelta(hours=3)).json()["result"] == "applied"
    missing = send("p-2", "ready_to_collect", now - datetime.timedelta(hours=2))
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "property.collection"
    assert send("p-3", "ready_to_collect", now - datetime.timedelta(hours=1), COUNTER).json()["result"] == "applied"
    late = send("p-4", "held_as_evidence", now - datetime.timedelta(hours=2))  # older news, arriving late
    assert late.json()["result"] == "superseded"
    unknown = send("p-5", "lost", now)
    assert unknown.status_code == 422

    item = PropertyItem.objects.get()
    assert (item.reference, item.kind, item.status, item.collection) == (
        "EXH-0042",
        "seized",
        "ready_to_collect",
        COUNTER,
    )
    assert "Ready to collect" in signed_in(report).get(reverse("portal:report")).content.decode()

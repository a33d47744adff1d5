"""The integration API: keys and scope, idempotency, ordering by event time, batches, problem details."""

import datetime
import json
import typing

import pytest
from django.core.management import call_command
from django.urls import reverse
from ninja import Schema

from victimsrights.accounts.models import StaffUser
from victimsrights.api import services
from victimsrights.api.models import ApiEvent
from victimsrights.areas.models import Area, Force
from victimsrights.audit.models import AuditEntry
from victimsrights.cases.models import Case, CaseEvent, CaseEventKind, CaseStatus, TimelineEvent
from victimsrights.cases.tests.factories import officer_of, recorded_case
from victimsrights.compliance.models import CaseDuty
from victimsrights.notify.models import Delivery

pytestmark = pytest.mark.usefixtures("london")

NOW = datetime.datetime.now(datetime.UTC)


@pytest.fixture
def met_client():
    return services.client_create(name="Met records system", force=Force.objects.get(code="met"))


@pytest.fixture
def case():
    _report, case, _officer = recorded_case()
    return case


def post(client, name, body, key=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    return client.post(reverse(f"api:{name}"), json.dumps(body), content_type="application/json", **headers)


def event(case, event_id, kind, minutes_ago=60, **fields):
    occurred = NOW - datetime.timedelta(minutes=minutes_ago)
    return {
        "event_id": event_id,
        "crime_number": case.crime.crime_number,
        "kind": kind,
        "occurred_at": occurred.isoformat(),
        **fields,
    }


def test_no_key_or_a_wrong_key_gets_a_problem_and_nothing_changes(client, met_client, case):
    _, key = met_client
    for bad in (None, "vrs_nothing_here", key[:-1] + ("A" if key[-1] != "A" else "B")):
        response = post(client, "events", event(case, "e1", "suspect_arrested"), bad)
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 401
    assert not ApiEvent.objects.exists()


def test_an_event_drives_the_same_services_as_the_officer_screen(client, met_client, case):
    _, key = met_client
    officer = officer_of("central-north")
    alerts = Delivery.objects.alerts().count()
    response = post(client, "events", event(case, "rms-1", "officer_assigned", officer_username=officer.username), key)
    assert response.status_code == 200, response.content
    assert response.json() == {"event_id": "rms-1", "result": "applied", "problem": None}
    case.refresh_from_db()
    assert case.officer == officer
    assert TimelineEvent.objects.filter(case=case, text__contains="is now the officer in charge").exists()
    assert Delivery.objects.alerts().count() == alerts + 1  # the victim is alerted, as from the screen

    arrested = event(case, "rms-2", "suspect_arrested", minutes_ago=30, victim_update="A man was arrested today.")
    assert post(client, "events", arrested, key).json()["result"] == "applied"
    history = CaseEvent.objects.get(case=case, kind=CaseEventKind.SUSPECT_ARRESTED)
    assert history.happened_at == NOW - datetime.timedelta(minutes=30)  # by the event's own time
    assert history.actor_label == "Met records system (records system)"
    assert CaseDuty.objects.filter(case=case, duty__code="tell-arrest", fulfilled_at__isnull=False).exists()

    response = post(client, "case-state", {"crime_number": case.crime.crime_number}, key)
    assert response.json()["officer"] == officer.get_full_name()
    assert AuditEntry.objects.filter(action="api.events").count() == 2
    assert AuditEntry.objects.filter(action="api.case_state").count() == 1


def test_a_repeated_event_id_is_acknowledged_and_changes_nothing(client, met_client, case):
    _, key = met_client
    body = event(case, "rms-9", "victim_update", victim_update="We have your statement.")
    assert post(client, "events", body, key).json()["result"] == "applied"
    assert post(client, "events", body, key).json()["result"] == "duplicate"
    assert (
        post(client, "events-batch", {"events": [body, body]}, key).json()["results"]
        == [{"event_id": "rms-9", "result": "duplicate", "problem": None}] * 2
    )
    assert TimelineEvent.objects.filter(case=case, text="We have your statement.").count() == 1


def test_an_older_outcome_arriving_late_does_not_undo_a_newer_one(client, met_client, case):
    _, key = met_client
    charged = event(case, "rms-20", "outcome_recorded", minutes_ago=10, outcome_code=1)
    no_further_action = event(case, "rms-19", "outcome_recorded", minutes_ago=120, outcome_code=15)
    results = post(client, "events-batch", {"events": [charged, no_further_action]}, key).json()["results"]
    assert [r["result"] for r in results] == ["applied", "applied"]  # applied oldest first, so the charge wins
    case.refresh_from_db()
    assert case.outcome.code == 1 and case.status == CaseStatus.CHARGED

    late = event(case, "rms-18", "outcome_recorded", minutes_ago=300, outcome_code=14)
    assert post(client, "events", late, key).json()["result"] == "superseded"
    case.refresh_from_db()
    assert case.outcome.code == 1
    assert ApiEvent.objects.get(event_id="rms-18").result == "superseded"


def test_a_batch_applies_each_event_on_its_own_and_names_the_field_at_fault(client, met_client, case):
    _, key = met_client
    events = [
        event(case, "b-1", "suspect_interviewed"),
        event(case, "b-2", "officer_assigned", officer_username="nobody"),
        {**event(case, "b-3", "suspect_released"), "crime_number": "MET-2026-9999999"},
        event(case, "b-4", "outcome_recorded", outcome_code=77),
        event(case, "b-5", "bail_changed", minutes_ago=-60),  # an hour in the future
        event(case, "b-6", "hearing_set"),
    ]
    results = post(client, "events-batch", {"events": events}, key).json()["results"]
    assert [(r["event_id"], r["result"]) for r in results] == [
        ("b-1", "applied"),
        ("b-2", "rejected"),
        ("b-3", "rejected"),
        ("b-4", "rejected"),
        ("b-5", "rejected"),
        ("b-6", "rejected"),
    ]
    fields = [r["problem"]["errors"][0]["field"] for r in results[1:]]
    assert fields == ["officer_username", "crime_number", "outcome_code", "occurred_at", "hearing"]
    assert list(ApiEvent.objects.values_list("event_id", flat=True)) == [
        "b-1"
    ]  # rejected ones can be sent again, fixed
    fixed = event(
        case, "b-6", "hearing_set", hearing={"starts_at": "2027-02-01T10:00:00+00:00", "court": "Highbury Corner"}
    )
    assert post(client, "events", fixed, key).json()["result"] == "applied"
    again = post(client, "events", {**fixed, "event_id": "b-7"}, key)  # the same hearing, sent as a new event
    assert again.status_code == 409 and again.json()["errors"][0]["field"] == "hearing"
    assert case.hearings.count() == 1


def test_malformed_requests_get_a_problem_naming_the_field(client, met_client, case):
    _, key = met_client
    response = post(client, "events", {**event(case, "m-1", "suspect_arrested"), "occurred_at": "yesterday"}, key)
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "occurred_at"
    naive = post(
        client, "events", {**event(case, "m-2", "suspect_arrested"), "occurred_at": "2026-11-01T10:00:00"}, key
    )
    assert naive.json()["errors"][0]["field"] == "occurred_at"  # a time without its offset is ambiguous
    too_many = post(
        client, "events-batch", {"events": [event(case, f"m-{n}", "suspect_arrested") for n in range(1001)]}, key
    )
    assert too_many.status_code == 422 and too_many.json()["errors"][0]["field"] == "events"
    assert post(client, "events", {"kind": "teleported"}, key).status_code == 422
    assert not ApiEvent.objects.exists()


def test_a_client_sees_only_its_own_areas(client, case):
    _, key = services.client_create(
        name="South only", force=Force.objects.get(code="met"), areas=[Area.objects.get(code="south")]
    )
    response = post(client, "events", event(case, "s-1", "suspect_arrested"), key)
    assert response.status_code == 404
    assert response.json()["errors"] == [
        {"field": "crime_number", "message": "No case with this crime number in your areas"}
    ]
    assert post(client, "case-state", {"crime_number": case.crime.crime_number}, key).status_code == 404
    batch = post(client, "events-batch", {"events": [event(case, "s-2", "suspect_arrested")]}, key).json()
    assert batch["results"][0]["problem"]["errors"][0]["field"] == "crime_number"
    _, city_key = services.client_create(name="City records", force=Force.objects.get(code="city-of-london"))
    assert post(client, "case-state", {"crime_number": case.crime.crime_number}, city_key).status_code == 404
    assert post(client, "events", event(case, "c-1", "suspect_arrested"), city_key).status_code == 404
    assert not ApiEvent.objects.exists()


def test_a_cancelled_crime_takes_no_events(client, met_client, case):
    _, key = met_client
    case.crime.cancelled_at = NOW
    case.crime.save(update_fields=["cancelled_at"])
    assert post(client, "events", event(case, "c-1", "suspect_arrested"), key).status_code == 409


def test_the_openapi_document_and_docs_are_served(client):
    document = client.get("/api/v1/openapi.json").json()
    assert set(document["paths"]) == {"/api/v1/events", "/api/v1/events/batch", "/api/v1/cases/state"}
    assert document["components"]["securitySchemes"]["ClientKey"]["scheme"] == "bearer"
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()


def test_create_api_client_prints_the_key_once(capsys):
    call_command("create_api_client", "Met RMS", "--force", "met", "--area", "central-north")
    key = capsys.readouterr().out.strip().splitlines()[-1]
    client = services.client_for_key(key)
    assert client is not None and client.name == "Met RMS"
    assert key not in json.dumps(list(StaffUser.objects.values()), default=str)
    assert client.key_hash != key and key not in client.key_hash


def test_a_crime_from_the_records_system_becomes_a_records_only_case(client):
    areas = list(Area.objects.filter(code="central-north"))
    _, key = services.client_create(name="North records", force=Force.objects.get(code="met"), areas=areas)
    crime = {"classification_code": "28E", "borough_code": "E09000007"}  # Camden
    recorded = {
        "event_id": "c-1",
        "crime_number": "MET-RMS-0001",
        "kind": "crime_recorded",
        "occurred_at": (NOW - datetime.timedelta(days=3)).isoformat(),
        "crime": crime,
    }
    assert post(client, "events", recorded, key).json()["result"] == "applied"
    case = Case.objects.get(crime__crime_number="MET-RMS-0001")
    assert case.records_only and case.crime.report.borough.name == "Camden"
    assert case.crime.recorded_at == NOW - datetime.timedelta(days=3)

    outcome = {**recorded, "event_id": "c-2", "kind": "outcome_recorded", "outcome_code": 18}
    assert post(client, "events", outcome, key).json()["result"] == "applied"
    case.refresh_from_db()
    assert case.outcome.code == 18
    assert (
        not Delivery.objects.alerts().exists() and not CaseDuty.objects.exists() and not TimelineEvent.objects.exists()
    )

    def problem(body):
        response = post(client, "events", body, key)
        assert response["Content-Type"] == "application/problem+json"
        assert response.status_code == response.json()["status"]
        return response.json()

    told = {**recorded, "event_id": "c-3", "kind": "victim_update", "victim_update": "Hello"}
    assert problem(told)["errors"][0]["field"] == "victim_update"
    again = {**recorded, "event_id": "c-4"}
    assert problem(again)["status"] == 409
    westminster = {
        **recorded,
        "event_id": "c-5",
        "crime_number": "MET-RMS-2",
        "crime": {**crime, "borough_code": "E09000033"},
    }
    assert problem(westminster)["errors"][0]["field"] == "crime.borough_code"
    unknown = {
        **recorded,
        "event_id": "c-6",
        "crime_number": "MET-RMS-3",
        "crime": {**crime, "classification_code": "X"},
    }
    assert problem(unknown)["errors"][0]["field"] == "crime.classification_code"
    bare = {**recorded, "event_id": "c-7", "crime_number": "MET-RMS-4", "crime": None}
    assert problem(bare)["errors"][0]["field"] == "crime"
    assert Case.objects.count() == 1


def string_fields(schema, prefix=()):
    """Every text field of a request schema, nested ones included, as paths (optional and annotated ones too)."""

    def kinds(annotation):
        if typing.get_origin(annotation) is typing.Annotated:
            return kinds(typing.get_args(annotation)[0])
        arguments = typing.get_args(annotation)
        return [kind for argument in arguments for kind in kinds(argument)] if arguments else [annotation]

    for name, field in schema.model_fields.items():
        found = kinds(field.annotation)
        models = [kind for kind in found if isinstance(kind, type) and issubclass(kind, Schema)]
        if models:
            yield from string_fields(models[0], (*prefix, name))
        elif str in found:
            yield (*prefix, name)


@pytest.mark.django_db(transaction=True)
def test_nul_in_any_text_field_is_refused_by_name_not_a_500(met_client):
    """The outside review: "a\\u0000b" was accepted, which PostgreSQL refuses (a 500 there)."""
    from django.test import Client

    from victimsrights.api.schemas import CaseQuery, EventIn

    _, key = met_client
    full_event = {
        "event_id": "n-1",
        "crime_number": "MET-RMS-1",
        "kind": "hearing_set",
        "occurred_at": NOW.isoformat(),
        "officer_username": "someone",
        "outcome_code": 1,
        "hearing": {"starts_at": NOW.isoformat(), "court": "Court", "what_to_expect": "Words"},
        "crime": {"classification_code": "28E", "borough_code": "E09000007", "area_code": "central-north"},
        "property": {
            "reference": "EXH-1",
            "description": "Words",
            "kind": "stolen",
            "status": "returned",
            "collection": "Words",
        },
        "victim_update": "Words",
        "note": "Words",
    }
    checked = []
    for name, schema, body in (("events", EventIn, full_event), ("case-state", CaseQuery, {"crime_number": "X"})):
        for path in string_fields(schema):
            poisoned = json.loads(json.dumps(body))
            target = poisoned
            for part in path[:-1]:
                target = target[part]
            target[path[-1]] = "a\u0000b"
            response = post(Client(), name, poisoned, key)
            assert response.status_code == 422, path
            assert ".".join(path) in [error["field"] for error in response.json()["errors"]], path
            checked.append(path)
    assert len(checked) >= 10  # every text field the API takes
    assert not ApiEvent.objects.exists()


def test_a_body_too_large_gets_a_problem_not_an_html_page(client, met_client):
    """The outside review: a 10 MB body got Django's HTML 400 page."""
    _, key = met_client
    body = json.dumps({"events": [{"note": "x" * 10_000_000}]})
    response = client.post(
        reverse("api:events-batch"), body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "The request body is too large"

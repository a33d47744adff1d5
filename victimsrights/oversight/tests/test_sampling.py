"""Case sampling: random records of an area and period, shown without anything that identifies the victim."""

import datetime

import pytest
from django.urls import reverse

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.areas.models import Area
from victimsrights.cases import services as cases
from victimsrights.cases.models import OutcomeType
from victimsrights.cases.tests.factories import recorded_case
from victimsrights.oversight.models import Sample, SampledRecord
from victimsrights.recording import services as recording
from victimsrights.reporting.tests.factories import submitted_report
from victimsrights.testing.html import duplicate_ids

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("london")]
VICTIMS = [
    ("Amira Sampleperson", "amira.sample@example.com", "07700900111", "12 Sample Street"),
    ("Bogdan Sampleperson", "bogdan.sample@example.com", "07700900222", "34 Sample Road"),
]
EXPLANATION = "Explanation free text: the neighbour Mr Sampleneighbour says nothing happened."


def personal(index: int) -> dict:
    name, email, mobile, address = VICTIMS[index]
    return {
        "your_name": {"victim_name": name},
        "contact": {
            "channels": ["email", "text"],
            "email": email,
            "mobile": mobile,
            "phone": "",
            "postal_address": address,
        },
    }


def test_a_sample_of_closed_cases_hides_names_contacts_addresses_and_free_text_and_findings_roll_up(client):
    for index in range(2):
        _report, case, officer = recorded_case(seed=index + 1, **personal(index))
        cases.update_publish(case_id=case.pk, text="Update free text: we spoke to Mr Sampleneighbour.", actor=officer)
        cases.outcome_record(
            explanation="We could not find enough evidence to charge anyone.",
            case_id=case.pk,
            outcome=OutcomeType.objects.get(code=18),
            actor=officer,
        )
    declined = submitted_report(seed=9, **personal(0))
    recording.report_decline(
        report_id=declined.pk, reason="incident", explanation=EXPLANATION, actor=staff(Role.RECORDING_OFFICER)
    )
    commissioner = staff(Role.VICTIMS_COMMISSIONER)
    client.force_login(commissioner)
    today = datetime.date.today()
    central_north = Area.objects.get(code="central-north")

    pages = []
    for kind in ("closed", "refused"):
        response = client.post(
            reverse("oversight:samples"),
            {"area": central_north.pk, "kind": kind, "start": "1/1/2020", "end": f"{today:%d/%m/%Y}", "size": "10"},
        )
        assert response.status_code == 302
        pages.append(client.get(response.url).content.decode())

    closed_page, refused_page = pages
    assert closed_page.count('data-testid="sampled-record"') == 2 and "Investigation complete" in closed_page
    # The outside review: the records' forms shared ids, so clicking "No" in one record ticked another's.
    assert duplicate_ids(closed_page) == []
    assert refused_page.count('data-testid="sampled-record"') == 1 and "incident" in refused_page.lower()
    for page in pages:
        for name, email, mobile, address in VICTIMS:
            for detail in (name, name.split()[0], email, mobile, address):
                assert detail not in page, detail
        assert "Sampleneighbour" not in page and "Update free text" not in page and "Explanation free text" not in page

    record = SampledRecord.objects.filter(sample__kind="closed").first()
    url = reverse("oversight:finding", kwargs={"sample_id": record.sample_id, "record_id": record.pk})
    response = client.post(url, {"decision_sound": "no"})
    assert response.status_code == 200 and "Write your finding" in response.content.decode()
    assert duplicate_ids(response.content.decode()) == []
    client.post(url, {"decision_sound": "no", "finding": "CCTV was not sought."})
    rollup = client.get(reverse("oversight:samples")).content.decode()
    table = rollup[rollup.index('data-testid="findings-by-area"') :]
    assert "Central North" in table and '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in table


def test_bad_sample_requests_are_explained_and_draw_nothing(client):
    client.force_login(staff(Role.VICTIMS_COMMISSIONER))
    area = Area.objects.get(code="central-north")

    for data, message in (
        (
            {"area": area.pk, "kind": "closed", "start": "1/1/2026", "end": "1/1/2025", "size": "5"},
            "after the first day",
        ),
        ({"area": area.pk, "kind": "closed", "start": "1/1/2026", "end": "31/12/2026", "size": "500"}, "1 to 50"),
        ({"area": area.pk, "kind": "closed", "start": "1/1/2026", "end": "31/12/2026", "size": "5"}, "no records"),
        ({"area": "x", "kind": "nonsense", "start": "", "end": "", "size": ""}, "Choose an area"),
    ):
        response = client.post(reverse("oversight:samples"), data)
        assert response.status_code == 200 and message in response.content.decode(), message
    assert not Sample.objects.exists()

"""The recording pages over HTTP: scope, bad input, and the counts the plan will use."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.recording.models import Crime, OffenceClassification
from victimsrights.reporting.models import Report, ReportStatus
from victimsrights.reporting.tests.factories import submitted_report

pytestmark = pytest.mark.usefixtures("london")


@pytest.fixture
def officer_client(client):
    client.force_login(staff(Role.RECORDING_OFFICER, area="central-north"))
    return client


def test_the_queue_shows_the_oldest_report_first_and_marks_overdue_and_due_soon(officer_client):
    old, soon, fresh = (submitted_report(seed=n) for n in range(3))
    now = timezone.now()
    Report.objects.filter(pk=old.pk).update(received_at=now - datetime.timedelta(hours=30))
    Report.objects.filter(pk=soon.pk).update(received_at=now - datetime.timedelta(hours=21))

    page = officer_client.get(reverse("recording:queue")).content.decode()

    assert page.index(old.reference) < page.index(soon.reference) < page.index(fresh.reference)
    assert 'govuk-tag--red">6 hr 0 min overdue' in page or "overdue" in page.split(old.reference)[1][:400]
    assert "govuk-tag--orange" in page.split(soon.reference)[1][:400]
    assert '<span class="govuk-heading-l govuk-!-margin-bottom-0" data-testid="overdue">1</span>' in page


def test_another_areas_report_is_not_found_and_cannot_be_decided(client):
    client.force_login(staff(Role.RECORDING_OFFICER, area="south-east"))
    report = submitted_report(borough="Camden")
    burglary = OffenceClassification.objects.get(code="28E")

    assert client.get(reverse("recording:report", kwargs={"report_id": report.pk})).status_code == 404
    response = client.post(
        reverse("recording:record", kwargs={"report_id": report.pk}), {"classification": burglary.pk}
    )

    assert response.status_code == 404
    assert not Crime.objects.exists()
    assert report.reference not in client.get(reverse("recording:queue")).content.decode()


def test_recording_without_a_classification_is_an_error_on_the_same_page(officer_client):
    report = submitted_report()

    response = officer_client.post(reverse("recording:record", kwargs={"report_id": report.pk}), {})

    assert response.status_code == 200
    assert b"Choose the crime classification" in response.content
    assert b"govuk-error-summary" in response.content
    report.refresh_from_db()
    assert report.status == ReportStatus.RECEIVED


def test_deciding_a_report_already_decided_says_so_and_changes_nothing(officer_client):
    report = submitted_report()
    burglary = OffenceClassification.objects.get(code="28E")
    url = reverse("recording:record", kwargs={"report_id": report.pk})
    officer_client.post(url, {"classification": burglary.pk})

    again = officer_client.post(
        reverse("recording:decline", kwargs={"report_id": report.pk}),
        {"reason": "no_crime", "explanation": "No crime."},
    )

    assert b"already been decided" in again.content
    report.refresh_from_db()
    assert report.status == ReportStatus.RECORDED
    assert not report.refusals.exists()


def test_opening_a_report_is_written_to_the_audit_log(officer_client):
    from victimsrights.audit.models import AuditEntry

    report = submitted_report()
    officer_client.get(reverse("recording:report", kwargs={"report_id": report.pk}))

    entry = AuditEntry.objects.get(action="report.view")
    assert entry.subject_id == str(report.pk)
    assert entry.actor.role == Role.RECORDING_OFFICER

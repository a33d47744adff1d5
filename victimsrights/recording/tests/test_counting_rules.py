"""Counting Rules from the officer's side: cancellations on one of four grounds, N100 records for reported rape;
the plans count both."""

import pytest
from django.urls import reverse

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.plans.figures import plan_figures
from victimsrights.recording import services
from victimsrights.recording.models import CancellationGround, Crime, OffenceClassification, Refusal
from victimsrights.reporting.tests.factories import submitted_report

pytestmark = pytest.mark.usefixtures("london")
CENTRAL_NORTH = ("bcu", "central-north")


def test_the_registrar_cancels_on_one_of_the_four_grounds_and_the_plan_counts_each(client):
    registrar = staff(Role.CRIME_REGISTRAR, username="registrar")
    officer = staff(Role.RECORDING_OFFICER)
    client.force_login(registrar)
    for ground in CancellationGround:
        report = submitted_report()
        services.crime_record(
            report_id=report.pk, classification=OffenceClassification.objects.get(code="39"), actor=officer
        )
        url = reverse("recording:cancel", kwargs={"report_id": report.pk})
        missing = client.post(url, {"information": "The other force has it."})
        assert "Choose the ground" in missing.content.decode()
        client.post(url, {"ground": ground.value, "information": "Written reasons."})
        assert Crime.objects.get(report=report).cancellation_ground == ground
    year = Crime.objects.first().cancelled_at.year
    area = plan_figures(year)[CENTRAL_NORTH]
    assert area["recording.cancelled"] == 4
    assert all(area[f"recording.cancelled.{ground.value}"] == 1 for ground in CancellationGround)


def test_a_reported_rape_not_recorded_keeps_an_n100_record_that_the_plan_counts(client):
    client.force_login(staff(Role.RECORDING_OFFICER))
    rape, other = submitted_report(), submitted_report(seed=2)
    for report, rape_reported in ((rape, "on"), (other, "")):
        client.post(
            reverse("recording:decline", kwargs={"report_id": report.pk}),
            {"reason": "evidence", "explanation": "Explained to the victim.", "rape_reported": rape_reported},
        )
    assert Refusal.objects.get(report=rape).n100 and not Refusal.objects.get(report=other).n100
    area = plan_figures(Refusal.objects.first().decided_at.year)[CENTRAL_NORTH]
    assert (area["recording.refusals"], area["recording.n100"]) == (2, 1)

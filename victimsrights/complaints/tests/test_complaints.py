"""Complaints (Victims' Code right 12): made by the victim, answered by the area, escalated to the commissioner."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.audit.models import AuditEntry
from victimsrights.cases.tests.factories import recorded_case
from victimsrights.complaints.models import Complaint, ComplaintStatus
from victimsrights.compliance.working_days import due_on
from victimsrights.notify.models import Delivery
from victimsrights.portal.session_keys import SESSION_VICTIM_REPORT

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("london")]
MONDAY = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("Europe/London"))


def as_victim(client, report):
    client.logout()
    session = client.session
    session[SESSION_VICTIM_REPORT] = report.pk
    session.save()
    return client


def test_a_complaint_is_answered_by_the_area_then_escalated_to_and_concluded_by_the_commissioner(client):
    report, _case, _officer = recorded_case()
    standards = staff(Role.PROFESSIONAL_STANDARDS)
    commissioner = staff(Role.VICTIMS_COMMISSIONER)

    with time_machine.travel(MONDAY, tick=False):
        as_victim(client, report).post(reverse("portal:complaint"), {"what_went_wrong": "Nobody called me back."})
    complaint = Complaint.objects.get()
    assert complaint.target_on == datetime.date(2027, 1, 7)  # 20 working days, skipping Christmas and New Year

    client.force_login(standards)
    listed = client.get(reverse("complaints:list")).content.decode()
    assert f"Report {report.reference}" in listed and "Nobody called me back." in listed  # which, and about what
    page = client.get(reverse("complaints:complaint", kwargs={"complaint_id": complaint.pk})).content.decode()
    assert "Nobody called me back." in page
    client.post(
        reverse("complaints:answer", kwargs={"complaint_id": complaint.pk}),
        {"upheld": "no", "answer": "The officer left two voicemails."},
    )
    complaint.refresh_from_db()
    assert (complaint.status, complaint.upheld, complaint.answered_by) == (ComplaintStatus.ANSWERED, False, standards)
    assert Delivery.objects.alerts().filter(report=report).exists()

    page = as_victim(client, report).get(reverse("portal:report")).content.decode()
    assert "The officer left two voicemails." in page and "I am not satisfied with this answer" in page
    client.post(reverse("portal:complaint-escalate"), {"why_not_satisfied": "I said no voicemails."})
    page = client.get(reverse("portal:report")).content.decode()
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ESCALATED
    assert complaint.commissioner_target_on == due_on(complaint.escalated_at, 20)
    finding_by = f"finding by {complaint.commissioner_target_on.day} {complaint.commissioner_target_on:%B %Y}"
    assert "With the Victims Commissioner" in page and finding_by in page

    client.force_login(commissioner)
    assert f"Report {report.reference}" in client.get(reverse("complaints:list")).content.decode()
    client.post(
        reverse("complaints:conclude", kwargs={"complaint_id": complaint.pk}),
        {"upheld": "yes", "finding": "Voicemails were left against the victim's wishes."},
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CONCLUDED and complaint.commissioner_upheld is True
    page = as_victim(client, report).get(reverse("portal:report")).content.decode()
    assert "Voicemails were left against the victim&#x27;s wishes." in page
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "complaint.make",
        "complaint.view",
        "complaint.answer",
        "complaint.escalate",
        "complaint.conclude",
    } <= actions


def test_bad_or_repeated_complaints_are_explained_on_the_same_page_and_change_nothing(client):
    report, _case, _officer = recorded_case()
    as_victim(client, report)

    response = client.post(reverse("portal:complaint"), {"what_went_wrong": ""})
    assert response.status_code == 200 and "Tell us what went wrong" in response.content.decode()
    client.post(reverse("portal:complaint"), {"what_went_wrong": "First"})
    response = client.post(reverse("portal:complaint"), {"what_went_wrong": "Second"})
    assert "already have a complaint waiting" in response.content.decode()
    response = client.post(reverse("portal:complaint-escalate"), {"why_not_satisfied": "Too early"})
    assert "no answered complaint" in response.content.decode()
    assert list(Complaint.objects.values_list("what_went_wrong", "status")) == [("First", ComplaintStatus.RECEIVED)]
    client.logout()
    assert client.post(reverse("portal:complaint"), {"what_went_wrong": "x"}).url == reverse("portal:sign-in")


def test_another_areas_standards_and_the_commissioner_before_escalation_cannot_see_or_answer_it(client):
    report, _case, _officer = recorded_case()
    as_victim(client, report).post(reverse("portal:complaint"), {"what_went_wrong": "Rude on the phone."})
    complaint = Complaint.objects.get()
    url = reverse("complaints:complaint", kwargs={"complaint_id": complaint.pk})

    for outsider in (
        staff(Role.PROFESSIONAL_STANDARDS, area="south-east"),
        staff(Role.VICTIMS_COMMISSIONER),
    ):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert "Rude on the phone." not in client.get(reverse("complaints:list")).content.decode()
    client.force_login(staff(Role.PROFESSIONAL_STANDARDS, area="south-east", username="se2"))
    response = client.post(
        reverse("complaints:answer", kwargs={"complaint_id": complaint.pk}), {"upheld": "yes", "answer": "x"}
    )
    assert response.status_code == 404
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED


def test_the_victim_is_told_each_route_for_a_complaint_plainly(client):
    """Code complaints go on to the Parliamentary and Health Service Ombudsman through an MP; complaints about an
    officer's conduct to professional standards or the IOPC; this service's own escalation is the commissioner."""
    report, _case, _officer = recorded_case()
    page = as_victim(client, report).get(reverse("portal:complaint")).content.decode()
    routes = page[page.index('data-testid="complaint-routes"') :]
    assert "Parliamentary and Health Service Ombudsman" in routes and "ask your MP" in routes
    assert "Independent Office for Police Conduct" in routes and "professional standards" in routes
    assert "Victims Commissioner" in page

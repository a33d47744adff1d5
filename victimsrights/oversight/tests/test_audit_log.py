"""The commissioner reads who opened which record, filters it, and checks the hash chain from the page."""

import pytest
from django.urls import reverse

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.audit.models import AuditEntry
from victimsrights.cases import services as cases
from victimsrights.cases.tests.factories import recorded_case
from victimsrights.reporting.tests.factories import submitted_report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("london")]


def test_the_commissioner_sees_who_opened_which_report_and_can_filter_by_reference_and_person(client):
    report, case, officer = recorded_case(your_name={"victim_name": "Amira Testvictim"})
    cases.case_view(case_id=case.pk, actor=officer)
    other = submitted_report(seed=2)
    client.force_login(staff(Role.VICTIMS_COMMISSIONER))

    page = client.get(reverse("oversight:audit"), {"reference": report.reference.lower()}).content.decode()
    table = page[page.index('data-testid="audit-entries"') :]
    assert "case.view" in table and officer.username in table and f"Report {report.reference}" in table
    assert other.reference not in table
    assert "Amira" not in page, "the log names the record, never its contents"

    page = client.get(reverse("oversight:audit"), {"actor": officer.username}).content.decode()
    table = page[page.index('data-testid="audit-entries"') :]
    assert table.count("case.view") == 1 and "report.submit" not in table


def test_bad_filters_are_explained_on_the_same_page(client):
    client.force_login(staff(Role.VICTIMS_COMMISSIONER))

    response = client.get(reverse("oversight:audit"), {"since": "31/02/2026", "until": "1/1/2026"})

    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body
    assert "Enter a real date for &#x27;From&#x27;" in body


def test_checking_the_log_reports_intact_then_the_first_edited_entry(client):
    recorded_case()
    client.force_login(staff(Role.VICTIMS_COMMISSIONER))

    page = client.post(reverse("oversight:audit-verify"), follow=True).content.decode()
    assert "The audit log is intact" in page

    tampered = AuditEntry.objects.order_by("id")[1]
    AuditEntry.objects.filter(pk=tampered.pk).update(action="nothing.to.see")
    page = client.post(reverse("oversight:audit-verify"), follow=True).content.decode()
    assert f"tampered with at entry {tampered.pk}" in page and "changed after it was written" in page


def test_no_other_role_can_read_the_audit_log(client):
    for role in Role:
        if role == Role.VICTIMS_COMMISSIONER:
            continue
        client.force_login(staff(role, username=f"nosy.{role.value}"))
        assert client.get(reverse("oversight:audit")).status_code == 403

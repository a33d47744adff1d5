"""The commissioner reads who opened which record, filters it, and checks the hash chain from the page."""

import pytest
from django.urls import reverse

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.audit.models import AuditEntry
from victimsrights.audit.services import chain_pending
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
    waiting = AuditEntry.objects.count()

    page = client.post(reverse("oversight:audit-verify"), follow=True).content.decode()
    assert "The audit log is intact: all 0 chained entries" in page
    assert f"{waiting} written in the last few seconds will be chained shortly" in page

    chain_pending()  # as the scheduler does every few seconds
    page = client.post(reverse("oversight:audit-verify"), follow=True).content.decode()
    assert "The audit log is intact: all " in page and "chained shortly" not in page

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


def test_the_log_pages_by_entry_without_counting_or_offsetting_the_whole_log(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from victimsrights.audit import services as audit
    from victimsrights.oversight.views import PAGE_SIZE

    report = submitted_report()
    for number in range(PAGE_SIZE * 2 + 5):
        audit.record(actor=None, action=f"test.entry.{number}", subject=report)
    newest = AuditEntry.objects.order_by("-id").first()
    client.force_login(staff(Role.VICTIMS_COMMISSIONER))

    with CaptureQueriesContext(connection) as queries:
        first = client.get(reverse("oversight:audit")).content.decode()
    read = " ".join(query["sql"] for query in queries.captured_queries if "audit_auditentry" in query["sql"])
    assert "COUNT(" not in read.upper() and "OFFSET" not in read.upper()
    assert newest.action in first and 'rel="prev"' not in first
    older_link = first.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")

    second = client.get(reverse("oversight:audit") + older_link).content.decode()
    shown_first = {line for line in first.splitlines() if "test.entry." in line}
    shown_second = {line for line in second.splitlines() if "test.entry." in line}
    # The first page also holds the commissioner's own opening of the log, audited like any other read.
    assert len(shown_second) == PAGE_SIZE and len(shown_first) >= PAGE_SIZE - 2 and not shown_first & shown_second
    newer_link = second.split('rel="prev"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    again = client.get(reverse("oversight:audit") + newer_link).content.decode()
    assert {line for line in again.splitlines() if "test.entry." in line} == shown_first

    for nonsense in ("abc", "-1", "9" * 40, "\uff11\uff12"):  # fullwidth digits are digits to str.isdigit
        assert client.get(reverse("oversight:audit"), {"older_than": nonsense}).status_code == 200

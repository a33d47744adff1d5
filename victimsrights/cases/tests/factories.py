from typing import Any

from django.test import Client
from django.urls import reverse

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.cases.models import Case
from victimsrights.portal.session_keys import SESSION_VICTIM_REPORT
from victimsrights.recording import services as recording
from victimsrights.recording.models import OffenceClassification
from victimsrights.reporting.models import Report
from victimsrights.reporting.tests.factories import submitted_report
from victimsrights.testing.notify import NotifyServer
from victimsrights.testing.smtp import SmtpServer
from victimsrights.testing.staff import StaffClient
from victimsrights.testing.worker import run_worker

THEFT = "39"  # standard rights
ATTEMPTED_MURDER = "2"  # most serious crime: enhanced rights


def officer_of(area: str = "central-north", username: str = "") -> StaffUser:
    existing = StaffUser.objects.filter(username=username or f"investigating_officer.{area}").first()
    return existing or staff(Role.INVESTIGATING_OFFICER, area=area, username=username)


def recorded_case(*, offence: str = THEFT, **report_kwargs: Any) -> tuple[Report, Case, StaffUser]:
    """A report recorded as a crime (which opens its case) and an investigating officer of its area."""
    report = submitted_report(**report_kwargs)
    assert report.area is not None
    officer = officer_of(report.area.code)
    crime = recording.crime_record(
        report_id=report.pk,
        classification=OffenceClassification.objects.get(code=offence),
        actor=staff(Role.RECORDING_OFFICER, area=report.area.code, username=f"rec{report.pk}"),
    )
    return report, crime.case, officer


def sign_in_victim(smtp: SmtpServer | NotifyServer, reference: str) -> Client:
    """A victim signed in with their reference or crime number and the code sent to them (by SMTP, or by GOV.UK
    Notify when it is set up)."""
    client = StaffClient()  # a test may sign staff in on it too
    client.get(reverse("portal:sign-in"))
    client.post(reverse("portal:sign-in"), {"identifier": reference})
    run_worker()
    code = smtp.mailbox.last_match(r"Your code is: (\d{6})")
    client.post(reverse("portal:code"), {"code": code})
    return client


def signed_in(report: Report) -> Client:
    """A victim already signed in to their report (the sign-in itself is tested on its own)."""
    client = StaffClient()  # a test may sign staff in on it too
    session = client.session
    session[SESSION_VICTIM_REPORT] = report.pk
    session.save()
    return client

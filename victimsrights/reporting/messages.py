"""The words we send to victims. Never the account of the crime, never more than they need."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from victimsrights.reporting.models import Acknowledgement


def _send(*, to: str, subject: str, body: str, message_id: str | None = None) -> None:
    headers = {"Message-ID": message_id} if message_id else {}
    EmailMessage(subject=subject, body=body, to=[to], headers=headers).send(fail_silently=False)


def send_resume_code(*, email: str, code: str, expires_at: datetime.datetime) -> None:
    body = render_to_string(
        "reporting/email/resume_code.txt",
        {
            "code": f"{code[:4]} {code[4:8]} {code[8:]}",
            "expires_at": expires_at,
            "resume_url": settings.SERVICE_URL + reverse("reporting:resume"),
        },
    )
    _send(to=email, subject="Your code", body=body)


def send_acknowledgement(*, acknowledgement: Acknowledgement) -> None:
    report = acknowledgement.report
    contact = report.contact
    neutral = contact.neutral_wording
    body = render_to_string(
        "reporting/email/acknowledgement.txt",
        {"reference": report.reference, "neutral": neutral, "service_url": settings.SERVICE_URL},
    )
    subject = f"Your reference {report.reference}" if neutral else f"We have your report: {report.reference}"
    # A fixed Message-ID per acknowledgement: if a retry ever repeats a send, mail systems see one message.
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2]
    _send(to=contact.email, subject=subject, body=body, message_id=f"<acknowledgement-{acknowledgement.pk}@{domain}>")

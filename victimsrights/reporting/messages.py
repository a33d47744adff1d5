"""The words we send to victims. Never the account of the crime, never more than they need."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from victimsrights.reporting.models import Notice, NoticeKind, SealedRecord


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


def send_notice(*, notice: Notice) -> None:
    """Render the notice for its kind and email it. Decisions and reasons, never the account."""
    report = notice.report
    contact = report.contact
    organisation = contact.via_organisation
    context = {
        "report": report,
        "organisation": organisation,
        "reference": report.reference,
        "neutral": contact.neutral_wording,
        "service_url": settings.SERVICE_URL,
        "sign_in_url": settings.SERVICE_URL + reverse("portal:sign-in"),
        "crime": getattr(report, "crime", None),
        "refusal": report.refusals.order_by("-decided_at").first() if hasattr(report, "refusals") else None,
    }
    body = render_to_string(f"reporting/email/{notice.kind}.txt", context)
    if organisation is not None:
        body = render_to_string("reporting/email/_for_organisation.txt", {"reference": report.reference}) + body
    subject = (
        f"Your reference {report.reference}"
        if contact.neutral_wording
        else f"{NoticeKind(notice.kind).label}: {report.reference}"
    )
    # A fixed Message-ID per notice: if a retry ever repeats a send, mail systems see one message.
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2]
    to = organisation.contact_email if organisation else contact.email
    _send(to=to, subject=subject, body=body, message_id=f"<notice-{notice.pk}@{domain}>")


def sign_in_code_text(*, code: str) -> str:
    return render_to_string("reporting/email/sign_in_code.txt", {"code": code}).strip()


def send_sign_in_code(*, email: str, code: str) -> None:
    _send(to=email, subject="Your code", body=sign_in_code_text(code=code))


def send_sealed_record_reminder(*, record: SealedRecord) -> None:
    body = render_to_string(
        "reporting/email/sealed_record_reminder.txt",
        {"record": record, "reminder_days": settings.SEALED_RECORD_REMINDER_DAYS},
    )
    _send(to=record.organisation.contact_email, subject="A sealed record will be destroyed soon", body=body)

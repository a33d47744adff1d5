"""The words we send to victims. Never the account of the crime, never more than they need.

Wording, sender and plain-text rendering come from `notify.wording`, the same for every kind of message.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from victimsrights.notify.wording import NEUTRAL_SUBJECT, from_address, render_text, sign_in_url
from victimsrights.reporting.models import Notice, NoticeKind, SealedRecord


def _send(*, to: str, subject: str, body: str, neutral: bool, message_id: str | None = None) -> None:
    headers = {"Message-ID": message_id} if message_id else {}
    sender = from_address(neutral=neutral)
    EmailMessage(subject=subject, body=body, from_email=sender, to=[to], headers=headers).send(fail_silently=False)


def send_resume_code(*, email: str, code: str, expires_at: datetime.datetime) -> None:
    """Always neutral: whoever reads this inbox learns only that there is a code to carry on with."""
    body = render_text(
        "reporting/email/resume_code.txt",
        {
            "code": f"{code[:4]} {code[4:8]} {code[8:]}",
            "expires_at": expires_at,
            "resume_url": settings.SERVICE_URL + reverse("continue"),
        },
    )
    _send(to=email, subject="Your code", body=body, neutral=True)


def notice_text(*, notice: Notice) -> tuple[str, str]:
    """The notice's subject and body for its kind. Decisions and reasons, never the account."""
    report = notice.report
    contact = report.contact
    organisation = contact.via_organisation
    neutral = contact.neutral_wording and organisation is None
    context = {
        "report": report,
        "organisation": organisation,
        "reference": report.reference,
        "neutral": neutral,
        "service_url": settings.SERVICE_URL,
        "sign_in_url": sign_in_url(neutral=neutral),
        "crime": getattr(report, "crime", None),
        "refusal": report.refusals.order_by("-decided_at").first() if hasattr(report, "refusals") else None,
    }
    body = render_text(f"reporting/email/{notice.kind}.txt", context)
    if organisation is not None:
        body = render_text("reporting/email/_for_organisation.txt", {"reference": report.reference}) + body
    subject = NEUTRAL_SUBJECT if neutral else f"{NoticeKind(notice.kind).label}: {report.reference}"
    return subject, body


def send_notice(*, notice: Notice) -> None:
    subject, body = notice_text(notice=notice)
    contact = notice.report.contact
    organisation = contact.via_organisation
    # A fixed Message-ID per notice: if a retry ever repeats a send, mail systems see one message.
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2]
    to = organisation.contact_email if organisation else contact.email
    neutral = contact.neutral_wording and organisation is None
    _send(to=to, subject=subject, body=body, neutral=neutral, message_id=f"<notice-{notice.pk}@{domain}>")


def sign_in_code_text(*, code: str) -> str:
    return render_text("reporting/email/sign_in_code.txt", {"code": code}).strip()


def send_sign_in_code(*, email: str, code: str) -> None:
    """Codes are always neutral: anyone may ask for one, so it must not say what it is for."""
    _send(to=email, subject="Your code", body=sign_in_code_text(code=code), neutral=True)


def send_sealed_record_reminder(*, record: SealedRecord) -> None:
    body = render_text(
        "reporting/email/sealed_record_reminder.txt",
        {"record": record, "reminder_days": settings.SEALED_RECORD_REMINDER_DAYS},
    )
    organisation = record.organisation.contact_email
    _send(to=organisation, subject="A sealed record will be destroyed soon", body=body, neutral=False)

"""The words we send. Never the account of the crime, never more than the reader needs.

Every message to a victim is rendered here, whatever its kind and channel, with the wording and sender
from `notify.wording`: a victim who asked for neutral wording gets neutral wording on every channel.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from victimsrights.notify.models import Delivery, DeliveryKind
from victimsrights.notify.wording import NEUTRAL_SUBJECT, render_text, sign_in_url
from victimsrights.reporting.models import Report
from victimsrights.sealedrecords.models import SealedRecord


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    neutral: bool  # sent from the neutral sender, with nothing in it about police or crime


def neutral_for(report: Report) -> bool:
    """Neutral when the victim asked; a safe place that speaks for them gets the plain words to pass on."""
    return report.contact.neutral_wording and not report.contact.via_organisation_id


def delivery_message(*, delivery: Delivery) -> Message:
    """In the language the victim reported in (Victims' Code Right 1); to an organisation, the part addressed to
    them is in English."""
    report = delivery.victims_report
    organisation = report.contact.via_organisation
    neutral = neutral_for(report)
    context = {
        "report": report,
        "organisation": organisation,
        "via_organisation": organisation,
        "reference": report.reference,
        "neutral": neutral,
        "service_url": settings.SERVICE_URL,
        "sign_in_url": sign_in_url(neutral=neutral),
        "crime": getattr(report, "crime", None),
        "refusal": report.refusals.order_by("-decided_at").first() if hasattr(report, "refusals") else None,
    }
    with translation.override(report.language):
        body = render_text(f"notify/{delivery.kind}.txt", context)
        if delivery.kind == DeliveryKind.ALERT:
            subject = gettext("An update")
        else:
            subject = gettext("{kind}: {reference}").format(
                kind=DeliveryKind(delivery.kind).label, reference=report.reference
            )
        if neutral:
            subject = str(NEUTRAL_SUBJECT)
    if delivery.kind == DeliveryKind.ALERT:
        body = body.strip()
    elif organisation is not None:
        body = render_text("notify/_for_organisation.txt", {"reference": report.reference}) + body
    return Message(subject=subject, body=body, neutral=neutral)


def resume_code_message(*, code: str, expires_at: datetime.datetime) -> Message:
    """Always neutral: whoever reads this inbox learns only that there is a code to carry on with. Sent while the
    victim is on the page, so in the language they are reading it in."""
    body = render_text(
        "notify/resume_code.txt",
        {
            "code": f"{code[:4]} {code[4:8]} {code[8:]}",
            "expires_at": expires_at,
            "resume_url": settings.SERVICE_URL + reverse("continue"),
        },
    )
    return Message(subject=gettext("Your code"), body=body, neutral=True)


def sign_in_code_message(*, code: str, language: str = settings.LANGUAGE_CODE) -> Message:
    """Codes are always neutral: anyone may ask for one, so it must not say what it is for. In the language of the
    report it signs in to."""
    with translation.override(language):
        body = render_text("notify/sign_in_code.txt", {"code": code}).strip()
        return Message(subject=gettext("Your code"), body=body, neutral=True)


def identifier_match_message(*, record: SealedRecord) -> Message:
    body = render_text("notify/identifier_match.txt", {"record": record})
    return Message(subject="A sealed record matches another victim's", body=body, neutral=False)


def sealed_record_reminder_message(*, record: SealedRecord) -> Message:
    body = render_text(
        "notify/sealed_record_reminder.txt",
        {"record": record, "reminder_days": settings.SEALED_RECORD_REMINDER_DAYS},
    )
    return Message(subject="A sealed record will be destroyed soon", body=body, neutral=False)

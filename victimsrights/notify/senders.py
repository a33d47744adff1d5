"""Where messages go out: GOV.UK Notify (email, text, letter) when a key is configured, otherwise email by SMTP.

The one send path for every message: deliveries, sign-in codes, resume codes and reminders.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from notifications_python_client.errors import APIError, HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

from victimsrights.notify.messages import Message
from victimsrights.notify.wording import from_address

# GOV.UK Notify letters: address_line_1 to address_line_7, at least 3 lines, the last a UK postcode or a country
# (GOV.UK Notify API documentation, "Send a letter").
LETTER_ADDRESS_LINES = 7


class NotSent(Exception):
    """The message did not go."""


class TemporaryFailure(NotSent):
    """Worth trying again later (provider down, timeout, 5xx, rate limit)."""


class PermanentFailure(NotSent):
    """Trying again will not help (bad address, rejected by the provider)."""


@dataclass(frozen=True)
class Sent:
    provider: str
    provider_id: str


def _notify() -> NotificationsAPIClient:
    return NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=10)


def already_sent_by_notify(*, reference: str) -> Sent | None:
    """Notify keeps our reference: if an earlier try got through, do not send again."""
    if not settings.NOTIFY_API_KEY:
        return None
    try:
        found = _notify().get_all_notifications(reference=reference).get("notifications", [])
    except (APIError, OSError) as error:
        raise TemporaryFailure(type(error).__name__) from error
    return Sent("notify", found[0]["id"]) if found else None


def address_lines(address: str) -> list[str]:
    """A postal address as written (lines or commas) as the lines of a letter, at most Notify's seven."""
    lines = [line.strip() for line in re.split(r"[\n,]", address) if line.strip()]
    if len(lines) > LETTER_ADDRESS_LINES:
        lines = [*lines[: LETTER_ADDRESS_LINES - 2], ", ".join(lines[LETTER_ADDRESS_LINES - 2 : -1]), lines[-1]]
    return lines


def _send_by_notify(*, channel: str, to: str, message: Message, reference: str) -> Sent:
    client = _notify()
    personalisation = {"subject": message.subject, "body": message.body}
    try:
        if channel == "text":
            response = client.send_sms_notification(
                phone_number=to,
                template_id=settings.NOTIFY_SMS_TEMPLATE_ID,
                personalisation=personalisation,
                reference=reference,
            )
        elif channel == "letter":
            lines = {f"address_line_{number}": line for number, line in enumerate(address_lines(to), start=1)}
            response = client.send_letter_notification(
                template_id=settings.NOTIFY_LETTER_TEMPLATE_ID,
                personalisation={**lines, **personalisation},
                reference=reference,
            )
        else:
            response = client.send_email_notification(
                email_address=to,
                template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
                personalisation=personalisation,
                reference=reference,
            )
    except HTTPError as error:
        if error.status_code in {400, 403}:
            raise PermanentFailure(f"notify {error.status_code}") from error
        raise TemporaryFailure(f"notify {error.status_code}") from error
    except APIError as error:
        raise TemporaryFailure("notify: unreadable response") from error
    except OSError as error:
        raise TemporaryFailure(type(error).__name__) from error
    return Sent("notify", response["id"])


def send(*, channel: str, to: str, message: Message, reference: str) -> Sent:
    if settings.NOTIFY_API_KEY:
        return _send_by_notify(channel=channel, to=to, message=message, reference=reference)
    if channel != "email":
        raise PermanentFailure(f"{channel} needs GOV.UK Notify")
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2]
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=from_address(neutral=message.neutral),
        to=[to],
        # A fixed Message-ID per message: if a retry ever repeats a send, mail systems see one message.
        headers={"Message-ID": f"<{reference}@{domain}>"},
    )
    try:
        email.send(fail_silently=False)
    except OSError as error:  # smtplib errors are OSErrors
        raise TemporaryFailure(type(error).__name__) from error
    return Sent("smtp", reference)

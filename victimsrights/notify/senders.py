"""Where alerts go out: GOV.UK Notify when a key is configured, otherwise email by SMTP."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from notifications_python_client.errors import APIError, HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

from victimsrights.notify.wording import NEUTRAL_SUBJECT, from_address


class TemporaryFailure(Exception):
    """Worth trying again later (provider down, timeout, 5xx, rate limit)."""


class PermanentFailure(Exception):
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


def send(*, channel: str, to: str, body: str, reference: str, neutral: bool) -> Sent:
    if settings.NOTIFY_API_KEY:
        client = _notify()
        personalisation = {"body": body}
        try:
            if channel == "text":
                response = client.send_sms_notification(
                    phone_number=to,
                    template_id=settings.NOTIFY_SMS_TEMPLATE_ID,
                    personalisation=personalisation,
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
    if channel != "email":
        raise PermanentFailure("text messages need GOV.UK Notify")
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2]
    message = EmailMessage(
        subject=NEUTRAL_SUBJECT if neutral else "An update",
        body=body,
        from_email=from_address(neutral=neutral),
        to=[to],
        headers={"Message-ID": f"<alert-{reference}@{domain}>"},
    )
    try:
        message.send(fail_silently=False)
    except OSError as error:  # smtplib errors are OSErrors
        raise TemporaryFailure(type(error).__name__) from error
    return Sent("smtp", reference)

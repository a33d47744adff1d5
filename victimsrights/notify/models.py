"""Every message to a victim (or to the safe place that speaks for them), whatever its kind, is one Delivery."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from victimsrights.reporting.models import Report

# GOV.UK Notify's delivery statuses that mean the message did not reach the person (its callback documentation).
NOTIFY_FAILURES = {"permanent-failure", "temporary-failure", "technical-failure"}


class DeliveryKind(models.TextChoices):
    RECEIVED = "received", _("Report received")
    RECORDED = "recorded", _("Crime recorded")
    DECLINED = "declined", _("Not recorded, with the right to appeal")
    APPEAL_UPHELD = "appeal_upheld", _("Appeal decided: still not recorded")
    CANCELLED = "cancelled", _("Crime record cancelled")
    ALERT = "alert", "Update alert"
    CODE = "code", "One-time sign-in code"
    REMINDER = "reminder", "Reminder to the safe place: a sealed record will be destroyed soon"
    MATCH = "match", "To the safe place: a sealed record matches another victim's"


# The written notices the Victims' Code requires: the acknowledgement and each decision.
NOTICE_KINDS = [
    DeliveryKind.RECEIVED,
    DeliveryKind.RECORDED,
    DeliveryKind.DECLINED,
    DeliveryKind.APPEAL_UPHELD,
    DeliveryKind.CANCELLED,
]


class DeliveryChannel(models.TextChoices):
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"
    LETTER = "letter", "Letter"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to send"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Not delivered"
    TO_PRINT = "print", "Letter waiting to be printed and posted"
    STAFF_TO_CONTACT = "staff", "No written channel: staff to phone the victim"
    NO_SAFE_CHANNEL = "no_channel", "No safe channel to send it on, or alerts turned off"


class DeliveryQuerySet(models.QuerySet["Delivery"]):
    def alerts(self) -> "DeliveryQuerySet":
        return self.filter(kind=DeliveryKind.ALERT)

    def not_delivered(self) -> "DeliveryQuerySet":
        """Messages that will never reach the victim: given up on, or reported by GOV.UK Notify as failed (the
        query form of `Delivery.not_delivered`)."""
        return self.filter(models.Q(status=DeliveryStatus.FAILED) | models.Q(delivery_status__in=NOTIFY_FAILURES))

    def notices(self) -> "DeliveryQuerySet":
        """Acknowledgements and decisions: the written notices the Victims' Code requires."""
        return self.filter(kind__in=NOTICE_KINDS)


class Delivery(models.Model):
    """One message: an acknowledgement, a decision, 'there is an update' (never the update itself), a sign-in code
    (never the code itself: only that one was sent) or a reminder to a safe place.

    The id is the provider reference (GOV.UK Notify's `reference`, the email's Message-ID), so a retry
    after a lost answer finds the message already sent instead of sending it twice.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # None for a message about no report: a sealed record's sign-in code, a reminder to a safe place.
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(max_length=16, choices=DeliveryKind.choices)
    channel = models.CharField(max_length=8, choices=DeliveryChannel.choices, blank=True)
    status = models.CharField(max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    not_before = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # When a worker claimed it; a claim older than TASK_STALE_SECONDS belongs to a worker that died.
    sending_since = models.DateTimeField(null=True, blank=True)
    provider = models.CharField(max_length=16, blank=True)  # smtp, notify or print
    provider_id = models.CharField(max_length=64, blank=True)
    delivery_status = models.CharField(max_length=32, blank=True)  # from GOV.UK Notify's callback
    # When the update an alert announces was published: if the alert fails for good, the duties that update met reopen.
    about_update_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "deliveries"
        indexes = [
            models.Index(fields=["created_at"], condition=models.Q(status="print"), name="notify_letters_to_print")
        ]

    @property
    def victims_report(self) -> Report:
        """The report a queued message is about: every kind but codes and reminders has one."""
        assert self.report is not None, self.kind
        return self.report

    @property
    def channel_phrase(self) -> str:
        phrases = {"email": _("by email"), "text": _("by text message"), "letter": _("by post")}
        return str(phrases.get(self.channel, ""))

    @property
    def not_delivered(self) -> bool:
        return self.status == DeliveryStatus.FAILED or self.delivery_status in NOTIFY_FAILURES

import uuid

from django.db import models

from victimsrights.reporting.models import Report

# GOV.UK Notify's delivery statuses that mean the message did not reach the person (its callback documentation).
NOTIFY_FAILURES = {"permanent-failure", "temporary-failure", "technical-failure"}


class AlertStatus(models.TextChoices):
    PENDING = "pending", "Waiting to send"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    NO_SAFE_CHANNEL = "no_channel", "No safe channel to send it on, or alerts turned off"


class Alert(models.Model):
    """'There is an update on your case': never the update itself. The id is the provider reference."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="alerts")
    channel = models.CharField(max_length=8)  # email or text
    status = models.CharField(max_length=16, choices=AlertStatus.choices, default=AlertStatus.PENDING)
    not_before = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # When a worker claimed it; a claim older than TASK_STALE_SECONDS belongs to a worker that died.
    sending_since = models.DateTimeField(null=True, blank=True)
    provider = models.CharField(max_length=16, blank=True)  # smtp or notify
    provider_id = models.CharField(max_length=64, blank=True)
    delivery_status = models.CharField(max_length=32, blank=True)  # from GOV.UK Notify's callback
    # When the update it announces was published: if the alert fails for good, the duties that update met reopen.
    about_update_at = models.DateTimeField(null=True, blank=True)

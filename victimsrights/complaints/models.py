from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from victimsrights.encryption import EncryptedTextField
from victimsrights.reporting.models import Report


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("With professional standards")
    ANSWERED = "answered", _("Answered")
    ESCALATED = "escalated", _("With the Victims Commissioner")
    CONCLUDED = "concluded", _("Concluded by the Victims Commissioner")


class Complaint(models.Model):
    """A victim's complaint about how they were treated: answered by the area, escalated if not satisfied."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="complaints")
    made_at = models.DateTimeField(db_index=True)
    what_went_wrong = EncryptedTextField()
    status = models.CharField(max_length=16, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED)
    target_on = models.DateField()
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    upheld = models.BooleanField(null=True)
    answer = models.TextField(blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    # When the commissioner aims to give their finding (settings.COMMISSIONER_ANSWER_WORKING_DAYS).
    commissioner_target_on = models.DateField(null=True, blank=True)
    why_not_satisfied = EncryptedTextField(blank=True)
    concluded_at = models.DateTimeField(null=True, blank=True)
    commissioner_upheld = models.BooleanField(null=True)
    commissioner_finding = models.TextField(blank=True)

    class Meta:
        ordering = ["target_on", "id"]
        indexes = [models.Index(fields=["status", "target_on"])]

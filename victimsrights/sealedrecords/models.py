import uuid

from django.db import models

from victimsrights.areas.models import SafePlaceOrganisation
from victimsrights.reporting.models import Report


class SealedRecordStatus(models.TextChoices):
    SEALED = "sealed", "Sealed"
    CONVERTED = "converted", "Turned into a report"
    DESTROYED = "destroyed", "Destroyed at the victim's request"
    EXPIRED = "expired", "Destroyed at the end of its retention period"


class SealedRecord(models.Model):
    """A victim's account kept sealed by a safe place while they decide whether to report.

    The account is encrypted with its own data key, which is itself encrypted (wrapped) with the
    sealed-records key. Destroying the record deletes the wrapped key: the ciphertext that
    remains can never be read again (crypto-erasure), and the row stays as a tombstone.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(SafePlaceOrganisation, on_delete=models.PROTECT, related_name="sealed_records")
    created_by = models.ForeignKey("accounts.StaffUser", on_delete=models.PROTECT, related_name="+")
    sealed_at = models.DateTimeField(db_index=True)
    record_code_hash = models.CharField(max_length=64, unique=True)
    ciphertext = models.BinaryField(blank=True)
    wrapped_key = models.BinaryField(null=True, blank=True)
    key_version = models.CharField(max_length=16)
    retain_until = models.DateTimeField(db_index=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=SealedRecordStatus.choices, default=SealedRecordStatus.SEALED)
    closed_at = models.DateTimeField(null=True, blank=True)
    report = models.OneToOneField(Report, null=True, blank=True, on_delete=models.PROTECT, related_name="sealed_record")

    class Meta:
        db_table = "reporting_sealedrecord"  # made in the reporting app, before sealed records were an app of their own

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from victimsrights.areas.models import SafePlaceOrganisation
from victimsrights.reporting.models import Report


class SealedRecordStatus(models.TextChoices):
    SEALED = "sealed", _("Sealed")
    CONVERTED = "converted", _("Turned into a report")
    DESTROYED = "destroyed", _("Destroyed at the victim's request")
    EXPIRED = "expired", _("Destroyed at the end of its retention period")


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


class IdentifierKind(models.TextChoices):
    PHONE = "phone", "Phone number"
    EMAIL = "email", "Email address"
    PROFILE = "profile", "Social media profile"
    NAME = "name", "Full name and date of birth"


class PerpetratorIdentifier(models.Model):
    """An identifier of the perpetrator named in a sealed record, held only as a keyed hash (see matching.py).

    The normalised identifier itself is encrypted with the record's own data key, only so that the hash can be
    recomputed when the matching key rotates; destroying the record erases it with everything else.
    """

    record = models.ForeignKey(SealedRecord, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(max_length=16, choices=IdentifierKind.choices)
    digest = models.CharField(max_length=64, db_index=True)
    key_version = models.CharField(max_length=16)
    # The victim's safe email address, hashed under the same key: one victim's records never match each other.
    victim_digest = models.CharField(max_length=64, blank=True)
    sealed_value = models.BinaryField()
    entered_by = models.ForeignKey("accounts.StaffUser", on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record", "digest"], name="identifier_once_per_record")]


class IdentifierMatch(models.Model):
    """Two victims' sealed records name the same perpetrator. Each record's own safe place is told; nobody else."""

    found_at = models.DateTimeField(db_index=True)
    kind = models.CharField(max_length=16, choices=IdentifierKind.choices)
    # The pair in a fixed order (first.pk < second.pk), so it is found once.
    first = models.ForeignKey(SealedRecord, on_delete=models.PROTECT, related_name="+")
    second = models.ForeignKey(SealedRecord, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["first", "second"], name="match_once_per_pair")]
        verbose_name_plural = "identifier matches"

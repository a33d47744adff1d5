from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """Who did or saw what, when. Append-only; each entry carries the hash of the one before."""

    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150)
    action = models.CharField(max_length=64, db_index=True)
    subject_type = models.CharField(max_length=64)
    subject_id = models.CharField(max_length=64)
    reason = models.CharField(max_length=200, blank=True)
    # Identifiers and codes only: never personal data or the account of a crime.
    detail = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]
        verbose_name_plural = "audit entries"


class AuditChainHead(models.Model):
    """One row: the hash of the newest entry. Locking it orders the chain under concurrency."""

    last_entry_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

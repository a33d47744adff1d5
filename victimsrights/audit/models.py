from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """Who did or saw what, when. Append-only.

    Written without any lock; `audit.services.chain_pending` then gives each entry its place in the
    chain and the hash of the entry before it, in the order entries committed.
    """

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
    # Empty until the entry is chained.
    chain_position = models.BigIntegerField(null=True, blank=True, unique=True)
    previous_hash = models.CharField(max_length=64, null=True, blank=True)
    entry_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(fields=["id"], condition=models.Q(chain_position__isnull=True), name="audit_entry_unchained"),
        ]
        verbose_name_plural = "audit entries"


class AuditChainHead(models.Model):
    """One row: the newest chained entry's place and hash. Only the chaining step locks it."""

    last_position = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

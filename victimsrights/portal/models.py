import uuid

from django.db import models

from victimsrights.reporting.models import Report
from victimsrights.sealedrecords.models import SealedRecord


class VictimAccessCode(models.Model):
    """A one-time code to sign a victim in to their own report (or their sealed record).

    A row is written for every request, known reference or not, so the two look alike.
    The code itself is made and hashed by the task that sends it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    sealed_record = models.ForeignKey(SealedRecord, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    # A request made soon after a code was sent shares that code (and its tries) rather than sending another.
    shares = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        db_table = "accounts_victimaccesscode"  # made by the accounts app, before victim sign-in moved here

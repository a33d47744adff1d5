from django.db import models

from victimsrights.areas.models import Area, Force
from victimsrights.cases.models import Case


class ApiClient(models.Model):
    """A machine client (a force's records management system), scoped to its force and, if set, some areas.

    Its key is shown once when made; only a SHA-256 of it is kept (the key is 256 random bits, so a
    slow hash adds nothing). The prefix finds the row without comparing every hash.
    """

    name = models.CharField(max_length=200, unique=True)
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="+")
    areas = models.ManyToManyField(Area, blank=True, related_name="+")
    key_prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    is_active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.name


class EventResult(models.TextChoices):
    APPLIED = "applied", "Applied to the case"
    SUPERSEDED = "superseded", "Kept, but a later event of the same kind already applies"


class ApiEvent(models.Model):
    """One case event a client sent, kept so that a repeat of its id is acknowledged and ignored."""

    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="events")
    event_id = models.CharField(max_length=100)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=32)
    occurred_at = models.DateTimeField()
    received_at = models.DateTimeField()
    result = models.CharField(max_length=16, choices=EventResult.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "event_id"], name="one_event_per_client_event_id")]

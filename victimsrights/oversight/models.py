from django.conf import settings
from django.db import models

from victimsrights.areas.models import Area
from victimsrights.reporting.models import Report


class SampleKind(models.TextChoices):
    REFUSED_TO_RECORD = "refused", "Reports refused as crimes"
    CLOSED_CASES = "closed", "Closed cases"
    NOT_CHARGED = "not_charged", "Decisions not to charge"


class Sample(models.Model):
    """A random sample of an area's records in a period, drawn by the commissioner to inspect decisions."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=SampleKind.choices)
    start = models.DateField()
    end = models.DateField()
    drawn_at = models.DateTimeField()
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    population = models.PositiveIntegerField()

    class Meta:
        ordering = ["-drawn_at"]


class SampledRecord(models.Model):
    """One record in a sample, known to the commissioner only by its position, with their finding."""

    sample = models.ForeignKey(Sample, on_delete=models.CASCADE, related_name="records")
    position = models.PositiveSmallIntegerField()
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="+")
    decision_sound = models.BooleanField(null=True)
    finding = models.TextField(blank=True)
    found_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["sample", "position"], name="one_record_per_position")]

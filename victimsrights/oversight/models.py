from django.conf import settings
from django.db import models
from django.utils import timezone

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


class Recommendation(models.Model):
    """A recommendation the commissioner published to an area, which the area must answer within a set time.

    Modelled on the duty to respond to the Victims' Commissioner's recommendations: Domestic Violence, Crime and
    Victims Act 2004 s.49A, inserted by the Victims and Prisoners Act 2024 s.22(3), in force 29 January 2025
    (SI 2025/95 reg 2(d)): the body publishes its comments on each recommendation, the action taken or proposed or
    why none, within 56 days of the report's publication (settings.RECOMMENDATION_RESPONSE_DAYS).
    """

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    report_title = models.CharField(max_length=200)
    text = models.TextField()
    published_on = models.DateField()
    respond_by = models.DateField()
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    response = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["respond_by", "id"]
        indexes = [models.Index(fields=["area", "respond_by"])]

    @property
    def answered_in_time(self) -> bool | None:
        """None while unanswered; otherwise whether the answer came by the last day (London date)."""
        if self.responded_at is None:
            return None
        return timezone.localdate(self.responded_at) <= self.respond_by

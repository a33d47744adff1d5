from django.conf import settings
from django.db import models

from victimsrights.areas.models import Area


class Plan(models.Model):
    """An area's Victims' Plan for one year: the commander's account of the year and their commitments.

    The draft shows figures counted live; publishing freezes everything in a `PlanVersion`.
    """

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveSmallIntegerField()
    narrative = models.TextField(blank=True)
    started_at = models.DateTimeField()

    class Meta:
        ordering = ["-year", "area__name"]
        constraints = [models.UniqueConstraint(fields=["area", "year"], name="one_plan_per_area_and_year")]

    def __str__(self) -> str:
        return f"{self.area} Victims' Plan {self.year}"


class Commitment(models.Model):
    """What the area will do next year, how it will be measured, and the target."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="commitments")
    commitment = models.TextField()
    measure = models.CharField(max_length=300)
    target = models.CharField(max_length=300)
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at", "id"]


class PlanComment(models.Model):
    """The Victims Commissioner's comment, published with the plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField()
    text = models.TextField()

    class Meta:
        ordering = ["made_at", "id"]


class PlanVersion(models.Model):
    """A published plan, frozen: narrative, commitments, comments and every figure as they stood.

    Version 1 is the plan as first published; each correction is a new version with a note of what changed.
    """

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    correction_note = models.TextField(blank=True)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_version_number_per_plan")]


class YearFigures(models.Model):
    """Every area's and borough's figures for a year, as last counted (for the commissioner's dashboard)."""

    year = models.PositiveSmallIntegerField(unique=True)
    counted_at = models.DateTimeField()
    figures = models.JSONField()


class PublishedCrimeMonth(models.Model):
    """The Met's published recorded crime: one borough, one minor category, one month, as the London Datastore's
    "MPS Borough Level Crime" file has it (`manage.py import_mps_borough_crime`). Public figures, no victim data."""

    borough_name = models.CharField(max_length=100)  # as published: the 32 boroughs, the airports, "Unknown"
    major = models.CharField(max_length=100)
    minor = models.CharField(max_length=100)
    month = models.DateField()  # the first day of the month
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["borough_name", "major", "minor", "month"], name="one_count_a_cell")
        ]
        indexes = [models.Index(fields=["month", "borough_name"])]

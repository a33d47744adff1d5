from django.conf import settings
from django.db import models

from victimsrights.recording.models import Crime


class OutcomeType(models.Model):
    """A Home Office outcome type, with the plain words a victim is given. Loaded as data."""

    code = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)
    plain_words = models.TextField()
    closes_case = models.BooleanField()
    # Decisions not to charge can be reviewed under the Right to Review (issue 6).
    decision_not_to_charge = models.BooleanField()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class CaseStatus(models.TextChoices):
    INVESTIGATING = "investigating", "Being investigated"
    CHARGED = "charged", "Someone has been charged"
    CLOSED = "closed", "Closed"


class Case(models.Model):
    """The investigation of a recorded crime, as the victim follows it."""

    crime = models.OneToOneField(Crime, on_delete=models.PROTECT, related_name="case")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    status = models.CharField(max_length=16, choices=CaseStatus.choices, default=CaseStatus.INVESTIGATING)
    outcome = models.ForeignKey(OutcomeType, null=True, blank=True, on_delete=models.PROTECT)
    outcome_at = models.DateTimeField(null=True, blank=True)


class TimelineKind(models.TextChoices):
    UPDATE = "update", "Update"
    HEARING = "hearing", "Court hearing"
    OUTCOME = "outcome", "Outcome"


class TimelineEvent(models.Model):
    """Something published to the victim. Internal police notes never live here."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(max_length=16, choices=TimelineKind.choices)
    published_at = models.DateTimeField(db_index=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["case", "-published_at"])]


class Hearing(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings")
    starts_at = models.DateTimeField()
    court = models.CharField(max_length=200)
    what_to_expect = models.TextField(blank=True)

    class Meta:
        ordering = ["starts_at"]


class Message(models.Model):
    """A secure message between the victim and the officer in charge."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    from_victim = models.BooleanField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    sent_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "id"]

from django.conf import settings
from django.db import models

from victimsrights.cases.models import Case, OutcomeType
from victimsrights.encryption import EncryptedTextField


class ReviewStatus(models.TextChoices):
    AWAITING_ACCEPTANCE = "awaiting_acceptance", "Asked late: the reviewer decides whether to accept it"
    IN_REVIEW = "in_review", "Being reviewed"
    NOT_ACCEPTED = "not_accepted", "Asked late and not accepted"
    UPHELD = "upheld", "Decision upheld"
    OVERTURNED = "overturned", "Decision overturned"
    WITH_CPS = "with_cps", "Passed to the CPS, whose scheme reviews its own decisions"


class Footing(models.TextChoices):
    """Which scheme a request stands on (reviews/rules.py says how each is decided, with its source)."""

    NATIONAL = "national", "National police scheme (NPCC Victims' Right to Review)"
    LONDON = "london", "London's Right to Review only (outside the national scheme)"
    CPS = "cps", "CPS Victims' Right to Review scheme"


OPEN_REVIEW_STATUSES = [ReviewStatus.AWAITING_ACCEPTANCE, ReviewStatus.IN_REVIEW]


class ReviewRequest(models.Model):
    """A victim's request (Right to Review) for a decision not to charge to be looked at again."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="reviews")
    # The decision under review, kept as it was: the case may move on (an overturn reopens it).
    outcome = models.ForeignKey(OutcomeType, on_delete=models.PROTECT, related_name="+")
    decision_at = models.DateTimeField()
    decision_maker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    # When the victim was told of the decision, on their page: the time to ask runs from here.
    told_at = models.DateTimeField(null=True, blank=True)
    footing = models.CharField(max_length=8, choices=Footing.choices, default=Footing.NATIONAL)
    requested_at = models.DateTimeField()
    deadline = models.DateField()
    victim_reasons = EncryptedTextField(blank=True)
    late = models.BooleanField(default=False)
    late_reasons = EncryptedTextField(blank=True)
    status = models.CharField(max_length=24, choices=ReviewStatus.choices)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="reviews"
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    target_on = models.DateField(null=True, blank=True)
    delay_told_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reasons = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            # One request per decision, however often the button is pressed.
            models.UniqueConstraint(fields=["case", "decision_at"], name="one_review_per_decision"),
        ]
        indexes = [models.Index(fields=["status", "target_on"])]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REVIEW_STATUSES

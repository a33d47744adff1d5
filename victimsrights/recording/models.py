from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from victimsrights.areas.models import Force
from victimsrights.encryption import EncryptedTextField
from victimsrights.reporting.models import Report


class OffenceClassification(models.Model):
    """A Home Office Counting Rules offence: group, code and description. Loaded as data."""

    code = models.CharField(max_length=16, unique=True)
    description = models.CharField(max_length=200)
    group = models.CharField(max_length=100)
    subgroup = models.CharField(max_length=100, blank=True)
    # Victims of the most serious crime are entitled to enhanced rights under the Victims' Code.
    enhanced_rights = models.BooleanField(default=False)
    # The crime type police.uk publishes it under (blank: not published there, e.g. fraud).
    police_uk_category = models.CharField(max_length=64, blank=True)
    # False for codes kept only for outcomes (fraud, which Action Fraud records) and codes no longer in the list.
    recordable = models.BooleanField(default=True)

    class Meta:
        ordering = ["group", "subgroup", "description"]

    def __str__(self) -> str:
        return f"{self.description} ({self.code})"


class CrimeNumberSequence(models.Model):
    """The last crime number a force allocated in a year. Locked while the next is allocated."""

    force = models.ForeignKey(Force, on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["force", "year"], name="one_sequence_per_force_year")]


class CancellationGround(models.TextChoices):
    """Home Office Counting Rules, Section C (removing recorded crimes): the four grounds, as Cheshire Police's FOI
    answer 3001 (March 2011) quotes them; the gov.uk 'Transferred or cancelled records' statistics name them too."""

    TRANSFERRED = "transferred", "It happened outside this force's area and was transferred to the force that covers it"
    ADDITIONAL_INFORMATION = "avi", "Additional verifiable information shows that no crime was committed"
    PART_OF_ANOTHER = "part_of_another", "It is part of a crime already recorded"
    RECORDED_IN_ERROR = "error", "It was recorded as a crime in error"


class Crime(models.Model):
    """A recorded crime. One per report, with a crime number that is never reused."""

    report = models.OneToOneField(Report, on_delete=models.PROTECT, related_name="crime")
    crime_number = models.CharField(max_length=40, unique=True)
    classification = models.ForeignKey(OffenceClassification, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField()
    # None for a crime recorded in the force's records system and sent through the API.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_team = models.CharField(max_length=200)
    # Home Office crime flags set when recording (Counting Rules, 'Home Office Crime Flags'): each gives the victim
    # enhanced rights as a victim of the most serious crime (Victims' Code 2020, Enhanced Rights).
    domestic_abuse = models.BooleanField(default=False)
    hate_crime = models.BooleanField(default=False)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancellation_ground = models.CharField(max_length=16, choices=CancellationGround.choices, blank=True)
    cancellation_information = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["recorded_at"], name="crime_recorded_at")]

    def __str__(self) -> str:
        return self.crime_number


class RefusalReason(models.TextChoices):
    NO_CRIME_DISCLOSED = "no_crime", _("No crime was disclosed by what the victim told us")
    DUPLICATE = "duplicate", _("It is already recorded under another crime number")
    OTHER_FORCE = "other_force", _("It happened in another police force's area and has been passed to them")
    INCIDENT_ONLY = "incident", _("It is a crime-related incident, not a crime")
    CREDIBLE_EVIDENCE = "evidence", _("There is credible evidence that no crime took place")
    # Home Office Counting Rules, Fraud: fraud is recorded by Action Fraud, not given a force's crime number.
    ACTION_FRAUD = "action_fraud", _("It is fraud, which Action Fraud (the national fraud reporting centre) records")


class Refusal(models.Model):
    """A decision not to record a report as a crime, with the reasons the victim is given."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="refusals")
    reason = models.CharField(max_length=16, choices=RefusalReason.choices)
    explanation = models.TextField()
    decided_at = models.DateTimeField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # A reported rape or attempted rape not recorded as a confirmed crime of rape keeps a Home Office N100 record
    # (HMICFRS glossary, 'Home Office classification N100'), counted in the plans.
    n100 = models.BooleanField(default=False)


class AppealStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the crime registrar"
    UPHELD = "upheld", "Refusal upheld"
    OVERTURNED = "overturned", "Overturned: crime recorded"


class Appeal(models.Model):
    """The victim's appeal against a refusal to record. One per report."""

    report = models.OneToOneField(Report, on_delete=models.PROTECT, related_name="appeal")
    refusal = models.OneToOneField(Refusal, on_delete=models.PROTECT, related_name="appeal")
    reasons = EncryptedTextField()
    made_by = models.CharField(max_length=200)
    submitted_at = models.DateTimeField(db_index=True)
    status = models.CharField(max_length=16, choices=AppealStatus.choices, default=AppealStatus.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_reasons = models.TextField(blank=True)

    @property
    def time_to_decide(self):  # type: ignore[no-untyped-def]
        return self.decided_at - self.submitted_at if self.decided_at else None


class HistoryEvent(models.Model):
    """One line on a report's history: what was decided, by whom, when."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=200)
    what = models.CharField(max_length=300)

    class Meta:
        ordering = ["at", "id"]

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from victimsrights.areas.models import Area
from victimsrights.cases.outcome_words import PLAIN_WORDS
from victimsrights.encryption import EncryptedTextField
from victimsrights.recording.models import Crime

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class OutcomeType(models.Model):
    """A Home Office outcome type, loaded as data; the plain words a victim is given are `words`."""

    code = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)
    closes_case = models.BooleanField()
    # Decisions not to charge can be reviewed under the Right to Review (issue 6).
    decision_not_to_charge = models.BooleanField()
    # Who reviews it (fixture `review_sources`): "police" (NPCC scheme, or London's extension), "cps", or "".
    review_route = models.CharField(max_length=8, blank=True)
    # Why an outcome is outside the NPCC national scheme even after an interview under caution (London's only).
    outside_national_scheme = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    @property
    def words(self) -> "StrPromise":
        """The plain words a victim is given, in the language of whoever reads them."""
        return PLAIN_WORDS[self.code]


class CaseStatus(models.TextChoices):
    INVESTIGATING = "investigating", "Being investigated"
    CHARGED = "charged", "Someone has been charged"
    CLOSED = "closed", "Closed"


class EnhancedRightsReason(models.TextChoices):
    """Victims' Code: who is entitled to enhanced rights."""

    MOST_SERIOUS_CRIME = "most_serious_crime", "Victim of the most serious crime"
    UNDER_18 = "under_18", "Under 18 (a vulnerable victim)"
    DOMESTIC_ABUSE = "domestic_abuse", "Victim of domestic abuse (the most serious crime)"
    HATE_CRIME = "hate_crime", "Victim of hate crime (the most serious crime)"
    BEREAVED = "bereaved", "Bereaved close relative"
    PERSISTENTLY_TARGETED = "persistently_targeted", "Persistently targeted"
    VULNERABLE = "vulnerable", "Vulnerable"
    INTIMIDATED = "intimidated", "Intimidated"


class UpdateFrequency(models.TextChoices):
    """Victims' Code (2020), Right 6: the victim agrees with the officer how often they hear about the investigation
    (MoJ Victim and Witness Information, "The police investigation"; GOV.UK "Your rights after crime": the police must
    tell you how often they will update you). Important points have their own duties whatever is chosen. The Code
    sets no interval: these are the choices the service offers, and every 4 weeks is the force's default until the
    victim chooses."""

    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every 2 weeks")
    FOUR_WEEKLY = "four_weekly", _("Every 4 weeks")
    KEY_POINTS = "key_points", _("Only when something important happens")


# Working days between regular updates for each choice; none when the victim wants only the important points.
UPDATE_WORKING_DAYS: dict[str, int | None] = {
    UpdateFrequency.WEEKLY: 5,
    UpdateFrequency.FORTNIGHTLY: 10,
    UpdateFrequency.FOUR_WEEKLY: 20,
    UpdateFrequency.KEY_POINTS: None,
}


# police.uk outcome categories that stand for several Home Office outcome types (issue 22: "Offender given a caution"
# is an adult (3) or a youth (2) caution; "Unable to prosecute suspect" is one of the evidential difficulties outcomes,
# 14 to 16). A crime known from police.uk with one keeps it as published (Case.published_outcome), no type guessed.
# police.uk groups types under its categories (data.gov.uk forum, "New police outcome categories and a bug fix").
PUBLISHED_OUTCOME_CATEGORIES = ("Offender given a caution", "Unable to prosecute suspect")


class Case(models.Model):
    """The investigation of a recorded crime, as the victim follows it."""

    crime = models.OneToOneField(Crime, on_delete=models.PROTECT, related_name="case")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    status = models.CharField(max_length=16, choices=CaseStatus.choices, default=CaseStatus.INVESTIGATING)
    outcome = models.ForeignKey(OutcomeType, null=True, blank=True, on_delete=models.PROTECT)
    outcome_at = models.DateTimeField(null=True, blank=True)
    # The officer's own words to the victim on why no one was charged, beside the Home Office's sentence.
    outcome_explanation = models.TextField(blank=True)
    # Who recorded the outcome: a review of that decision may never go to them or their line.
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    enhanced_rights = models.BooleanField(default=False)
    enhanced_reason = models.CharField(max_length=32, choices=EnhancedRightsReason.choices, blank=True)
    enhanced_note = models.TextField(blank=True)
    update_frequency = models.CharField(
        max_length=16, choices=UpdateFrequency.choices, default=UpdateFrequency.FOUR_WEEKLY
    )
    # For a crime known from police.uk, its last outcome as police.uk publishes it, where that one category stands for
    # several Home Office outcome types (issue 22): kept as published, with no type guessed.
    published_outcome = models.CharField(max_length=100, blank=True)
    # Known only from the force's records (e.g. imported from police.uk): the victim is not in the
    # service, so nothing is published or alerted and no Victims' Code duties run here.
    records_only = models.BooleanField(default=False)
    # Copied from the report when the case opens (a report's area never changes), with the victim's
    # unanswered messages kept up to date by the message services, so an area's case list reads one
    # index rather than joining every case's crime, report and messages.
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unanswered_messages = models.PositiveIntegerField(default=0)
    oldest_unanswered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["area", "-id"], name="case_area_newest"),
            models.Index(
                fields=["area", "oldest_unanswered_at"],
                condition=models.Q(unanswered_messages__gt=0),
                name="case_area_waiting",
            ),
        ]

    @property
    def update_working_days(self) -> int | None:
        return UPDATE_WORKING_DAYS[self.update_frequency]


class CaseEventKind(models.TextChoices):
    """What happens in a case. Events open Victims' Code duties and fulfil them (compliance app)."""

    CRIME_RECORDED = "crime_recorded", "Crime recorded"
    ACKNOWLEDGEMENT_SENT = "acknowledgement_sent", "Written acknowledgement sent"
    NEEDS_ASSESSMENT_DONE = "needs_assessment_done", "Needs assessment done"
    OFFICER_ASSIGNED = "officer_assigned", "Officer in charge assigned"
    UPDATE_PUBLISHED = "update_published", "Update published to the victim"
    SUSPECT_ARRESTED = "suspect_arrested", "Suspect arrested"
    SUSPECT_INTERVIEWED = "suspect_interviewed", "Suspect interviewed under caution"
    SUSPECT_CHARGED = "suspect_charged", "Suspect charged or summonsed"
    SUSPECT_RELEASED = "suspect_released", "Suspect released (no bail, or under investigation)"
    BAIL_CHANGED = "bail_changed", "Suspect's bail or its conditions changed"
    VPS_OFFERED = "vps_offered", "Victim Personal Statement offered"
    HEARING_SET = "hearing_set", "Court hearing set"
    DECISION_NOT_TO_CHARGE = "decision_not_to_charge", "Decision not to charge"
    CASE_CLOSED = "case_closed", "Case closed"
    ENHANCED_RIGHTS_SET = "enhanced_rights_set", "Enhanced rights given"
    REVIEW_REQUESTED = "review_requested", "Review of the decision asked for"
    REVIEW_ASSIGNED = "review_assigned", "Review assigned to a reviewer"
    REVIEW_DECIDED = "review_decided", "Review decided"
    CASE_REOPENED = "case_reopened", "Case reopened"
    SUPPORT_REFERRAL_MADE = "support_referral_made", "Referred to a support service (name it in the note)"
    SUPPORT_REFERRAL_AGREED = "support_referral_agreed", "The victim agreed to be referred to a support service"
    UPDATE_FREQUENCY_AGREED = "update_frequency_agreed", "How often the victim is updated was agreed"
    VERDICT_GIVEN = "verdict_given", "Verdict given at court"
    SENTENCE_PASSED = "sentence_passed", "Sentence passed"
    INTERPRETER_NEEDED = "interpreter_needed", "The victim asked for an interpreter"
    INTERPRETER_ARRANGED = "interpreter_arranged", "Interpreter arranged (say for which language in the note)"
    CPS_DISCONTINUED = "cps_discontinued", "The CPS stopped the case after charge"
    WITNESS_STATEMENT_TAKEN = "witness_statement_taken", "Witness statement taken from the victim"
    VPS_TAKEN = "vps_taken", "Victim Personal Statement taken"
    VCS_QUALIFYING_SENTENCE = (
        "vcs_qualifying_sentence",
        "Sentenced to 12 months or more, or a hospital order, for a specified violent or sexual offence",
    )
    VCS_REFERRAL_MADE = "vcs_referral_made", "Referred to the Probation Service's Victim Contact Scheme"


# What an officer can record by hand; the rest happen through the service's own actions.
OFFICER_RECORDED_EVENTS = [
    CaseEventKind.NEEDS_ASSESSMENT_DONE,
    CaseEventKind.SUPPORT_REFERRAL_AGREED,
    CaseEventKind.SUPPORT_REFERRAL_MADE,
    CaseEventKind.INTERPRETER_ARRANGED,
    CaseEventKind.WITNESS_STATEMENT_TAKEN,
    CaseEventKind.VPS_OFFERED,
    CaseEventKind.VPS_TAKEN,
    CaseEventKind.SUSPECT_ARRESTED,
    CaseEventKind.SUSPECT_INTERVIEWED,
    CaseEventKind.SUSPECT_RELEASED,
    CaseEventKind.BAIL_CHANGED,
    CaseEventKind.VERDICT_GIVEN,
    CaseEventKind.SENTENCE_PASSED,
    CaseEventKind.VCS_QUALIFYING_SENTENCE,
    CaseEventKind.VCS_REFERRAL_MADE,
    CaseEventKind.CPS_DISCONTINUED,
]


class CaseEvent(models.Model):
    """The case history for staff: what happened, when, and who recorded it. Not shown to the victim."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=32, choices=CaseEventKind.choices)
    happened_at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=100, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-happened_at", "-id"]
        indexes = [models.Index(fields=["case", "-happened_at"])]


class TimelineKind(models.TextChoices):
    UPDATE = "update", _("Update")
    HEARING = "hearing", _("Court hearing")
    OUTCOME = "outcome", _("Outcome")


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

    @property
    def title(self) -> str:
        return self.get_kind_display()

    @property
    def at(self) -> datetime.datetime:
        return self.published_at


class Hearing(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings")
    starts_at = models.DateTimeField()
    court = models.CharField(max_length=200)
    what_to_expect = models.TextField(blank=True)
    # Set when the case closed before the hearing: it will not go ahead and is no longer shown as coming.
    vacated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]


class Message(models.Model):
    """A secure message between the victim and the officer in charge."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    from_victim = models.BooleanField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    body = EncryptedTextField()
    sent_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "id"]
        indexes = [
            models.Index(
                fields=["case"],
                condition=models.Q(from_victim=True, answered_at__isnull=True),
                name="message_unanswered",
            )
        ]


class PropertyKind(models.TextChoices):
    STOLEN = "stolen", _("Stolen")
    DAMAGED = "damaged", _("Damaged")
    SEIZED = "seized", _("Taken by the police as evidence")


class PropertyStatus(models.TextChoices):
    OUTSTANDING = "outstanding", _("Not found yet")
    RECOVERED = "recovered", _("Found by the police")
    HELD_AS_EVIDENCE = "held_as_evidence", _("Kept as evidence for now")
    READY_TO_COLLECT = "ready_to_collect", _("Ready to collect")
    RETURNED = "returned", _("Returned to you")


class PropertyItem(models.Model):
    """The victim's property recorded against their crime, and where it is (Victims' Code Right 10: to be paid
    expenses and have property returned). The victim sees it on their case page; each change is an update to them."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="property_items")
    # The records system's own id for it, so the integration API can update the same item; blank when typed here.
    reference = models.CharField(max_length=100, blank=True)
    description = EncryptedTextField()
    kind = models.CharField(max_length=16, choices=PropertyKind.choices)
    status = models.CharField(max_length=20, choices=PropertyStatus.choices)
    # Where and when the victim can collect it, and what to bring.
    collection = EncryptedTextField(blank=True)
    recorded_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "reference"], condition=~models.Q(reference=""), name="property_reference_per_case"
            )
        ]

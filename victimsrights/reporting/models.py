import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from victimsrights.areas.models import Area, Borough, Force, SafePlaceOrganisation
from victimsrights.encryption import EncryptedJSONField, EncryptedTextField


class Channel(models.TextChoices):
    ONLINE = "online", "Online"
    SAFE_PLACE = "safe_place", "Safe place"
    STATION = "station", "Police station"
    # Known from the force's records system (through the API, e.g. police.uk's published crimes), not reported here.
    RECORDS = "records", "Force records system"


class ReportStatus(models.TextChoices):
    RECEIVED = "received", "Waiting for a recording decision"
    RECORDED = "recorded", "Recorded as a crime"
    DECLINED = "declined", "Not recorded as a crime"
    CANCELLED = "cancelled", "Crime record cancelled"


class ContactChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    TEXT = "text", _("Text message")
    PHONE = "phone", _("Phone call")
    LETTER = "letter", _("Letter")


class SafeTime(models.TextChoices):
    ANY = "any", _("Any time")
    WEEKDAY_MORNING = "weekday_morning", _("Weekday mornings, 9am to 12pm")
    WEEKDAY_AFTERNOON = "weekday_afternoon", _("Weekday afternoons, 12pm to 5pm")
    WEEKDAY_EVENING = "weekday_evening", _("Weekday evenings, 5pm to 9pm")
    WEEKEND = "weekend", _("Weekends, 10am to 5pm")


class Draft(models.Model):
    """A report being written. Lives in the victim's session and, once saved, by a resume code."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answers = EncryptedJSONField(default=dict)
    # The key the check-answers form carries, so a repeated submit finds the same report.
    submission_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    resume_code_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(db_index=True)
    report = models.OneToOneField("Report", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Set when a safe-place worker reports for a victim, and when a sealed record becomes a report.
    safe_place = models.ForeignKey(SafePlaceOrganisation, null=True, blank=True, on_delete=models.PROTECT)
    started_by = models.ForeignKey(
        "accounts.StaffUser", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sealed_record = models.ForeignKey(
        "sealedrecords.SealedRecord", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class Report(models.Model):
    """A victim's report of a crime: durable from the moment the victim is given its reference."""

    reference = models.CharField(max_length=16, unique=True)
    idempotency_key = models.UUIDField(unique=True, editable=False)
    channel = models.CharField(max_length=16, choices=Channel.choices)
    status = models.CharField(max_length=16, choices=ReportStatus.choices, default=ReportStatus.RECEIVED)
    received_at = models.DateTimeField(db_index=True)
    # When the first recording decision was made (recorded or declined): the 24-hour clock stops.
    first_decided_at = models.DateTimeField(null=True, blank=True)
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="reports")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="reports")
    safe_place = models.ForeignKey(
        SafePlaceOrganisation, null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )

    # What the victim agreed to, when a safe place reported for them.
    consent = models.JSONField(default=dict, blank=True)
    # When the victim first disclosed it: the sealed record's time stamp, kept as evidence.
    first_disclosed_at = models.DateTimeField(null=True, blank=True)
    # Reports turned from sealed records that named the same perpetrator (sealedrecords/matching.py): both victims
    # chose to report, so the investigating officer sees the link.
    linked_reports = models.ManyToManyField("self", symmetrical=True, blank=True)

    # The account
    in_danger_when_reported = models.BooleanField(default=False)
    # The language the victim reported in (Victims' Code Right 1): every message to them is written in it.
    language = models.CharField(max_length=16, default="en-gb", db_default="en-gb")  # rows loaded in bulk too
    what_happened = EncryptedTextField()
    occurred_on = models.DateField(null=True, blank=True)
    occurred_approximately = EncryptedTextField(blank=True)
    borough = models.ForeignKey(Borough, null=True, blank=True, on_delete=models.PROTECT, related_name="reports")
    postcode = EncryptedTextField(blank=True)
    people_involved = EncryptedTextField(blank=True)
    injured = models.CharField(
        max_length=16, choices=[("yes", "Yes"), ("no", "No"), ("prefer_not", "Prefers not to say")]
    )
    injuries = EncryptedTextField(blank=True)

    # The victim
    victim_name = EncryptedTextField()
    # Victims under 18 have enhanced rights automatically (cases/services.py); None when not said.
    under_18 = models.BooleanField(null=True, blank=True)
    interpreter_language = EncryptedTextField(blank=True)
    accessibility_needs = EncryptedTextField(blank=True)
    referral_consent = models.BooleanField()

    class Meta:
        indexes = [models.Index(fields=["area", "status", "received_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(channel="safe_place") | Q(safe_place__isnull=False),
                name="safe_place_report_names_its_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.reference


class ContactPreferences(models.Model):
    """How and when the police may contact the victim safely. Every channel obeys this."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="contact")
    channels = models.JSONField(default=list)
    email = EncryptedTextField(blank=True)
    mobile = EncryptedTextField(blank=True)
    phone = EncryptedTextField(blank=True)
    postal_address = EncryptedTextField(blank=True)
    safe_times = models.JSONField(default=list)
    voicemail_allowed = models.BooleanField(null=True)
    neutral_wording = models.BooleanField(default=False)
    safe_word = EncryptedTextField(blank=True)
    alerts_wanted = models.BooleanField(default=True)
    # The victim asked that the police contact them only through the safe place that reported.
    via_organisation = models.ForeignKey(
        SafePlaceOrganisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def channel_words(self) -> list[str]:
        return [str(ContactChannel(channel).label) for channel in self.channels if channel in ContactChannel.values]

    def safe_time_words(self) -> list[str]:
        return [str(SafeTime(time).label) for time in self.safe_times if time in SafeTime.values]

from django.db import models

from victimsrights.areas.models import Area
from victimsrights.cases.models import Case, CaseEventKind


class Duty(models.Model):
    """A police duty under the Victims' Code, as data: what starts it, what meets it, and how long it has."""

    code = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    code_right = models.CharField(max_length=40)
    trigger = models.CharField(max_length=32, choices=CaseEventKind.choices)
    fulfilled_by = models.CharField(max_length=32, choices=CaseEventKind.choices)
    standard_working_days = models.PositiveSmallIntegerField()
    enhanced_working_days = models.PositiveSmallIntegerField()
    # Opens again each time it is met, at the interval the victim agreed (Right 6's regular updates).
    repeating = models.BooleanField(default=False)
    # Where the rule comes from (document and paragraph), kept with it in fixtures/duties.json.
    source = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "duties"

    def __str__(self) -> str:
        return self.title

    def working_days(self, *, enhanced: bool) -> int:
        return self.enhanced_working_days if enhanced else self.standard_working_days


class CaseDuty(models.Model):
    """One duty owed in one case: opened by its trigger, met by the fulfilling event.

    Deadlines are dates in London (the end of the last working day). `fulfilled_on` is the London date
    it was met, so "on time" is a plain comparison the figures can group by.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="duties")
    duty = models.ForeignKey(Duty, on_delete=models.PROTECT, related_name="+")
    triggered_at = models.DateTimeField()
    enhanced = models.BooleanField()
    due_on = models.DateField()
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    fulfilled_on = models.DateField(null=True, blank=True)
    breached_at = models.DateTimeField(null=True, blank=True)
    # The update that met it never reached the victim (the alert failed for good): open again, shown to the officer.
    undelivered_at = models.DateTimeField(null=True, blank=True)
    # The case's area, copied when the duty opens, so an area's overdue duties are one index range.
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["due_on"], condition=models.Q(fulfilled_at__isnull=True), name="open_duty_due"),
            models.Index(
                fields=["area", "due_on"], condition=models.Q(fulfilled_at__isnull=True), name="open_duty_area_due"
            ),
            models.Index(fields=["case", "fulfilled_at"]),
        ]

    @property
    def is_open(self) -> bool:
        return self.fulfilled_at is None

    @property
    def met_on_time(self) -> bool:
        return self.fulfilled_on is not None and self.fulfilled_on <= self.due_on

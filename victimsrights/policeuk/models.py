from django.db import models

from victimsrights.areas.models import Borough, Force


class AntisocialBehaviour(models.Model):
    """Anti-social behaviour incidents police.uk publishes per month and LSOA. Not crimes: kept apart from them."""

    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="+")
    month = models.DateField(help_text="The first day of the month")
    lsoa_code = models.CharField("LSOA code", max_length=9, blank=True)
    borough = models.ForeignKey(Borough, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    incidents = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["force", "month", "lsoa_code"], name="one_asb_count_per_force_month_lsoa")
        ]

"""What victims tell us about the service, kept apart from their cases.

A response holds no link to the report, the case, the victim or the moment it was given: only the area and borough
it counts in, the month (not the time: a time could be matched to the report's history), the moment in the case it
follows, the answers and, encrypted, any words. Its id is random, so even the order rows are stored in says nothing.
`FeedbackOffer` remembers, per report, that a moment's offer was answered or declined, so it is made once; it holds
no answer.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from victimsrights.areas.models import Area, Borough
from victimsrights.encryption import EncryptedTextField
from victimsrights.reporting.models import Report


class Moment(models.TextChoices):
    DECIDED = "decided", _("After the decision on recording the report")
    CLOSED = "closed", _("After the case closed")
    REVIEWED = "reviewed", _("After a review was decided")


class Agreement(models.TextChoices):
    AGREE = "agree", _("Agree")
    NEITHER = "neither", _("Neither agree nor disagree")
    DISAGREE = "disagree", _("Disagree")


class FeedbackResponse(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    area = models.ForeignKey(Area, null=True, on_delete=models.PROTECT, related_name="+")
    borough = models.ForeignKey(Borough, null=True, on_delete=models.PROTECT, related_name="+")
    month = models.DateField()  # the first day of the month it was given
    moment = models.CharField(max_length=16, choices=Moment.choices)
    kept_informed = models.CharField(max_length=16, choices=Agreement.choices)
    treated_fairly = models.CharField(max_length=16, choices=Agreement.choices)
    easy_to_use = models.CharField(max_length=16, choices=Agreement.choices)
    in_own_words = EncryptedTextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["month", "area"])]


class FeedbackOffer(models.Model):
    """This report's victim has answered or declined the offer for this moment: it is not made again."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    moment = models.CharField(max_length=16, choices=Moment.choices)
    declined = models.BooleanField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "moment"], name="one_offer_a_moment")]

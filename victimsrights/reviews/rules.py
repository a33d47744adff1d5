"""The Right to Review's time limits. Kept apart from the services so the case app can quote them."""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings

from victimsrights.compliance.working_days import due_on, london_date


def request_deadline(told_at: datetime.datetime) -> datetime.date:
    """The last day to ask for a review without explaining why it is late."""
    return london_date(told_at) + relativedelta(months=settings.REVIEW_REQUEST_MONTHS)


def decision_target(started_at: datetime.datetime) -> datetime.date:
    return due_on(started_at, settings.REVIEW_DECISION_WORKING_DAYS)

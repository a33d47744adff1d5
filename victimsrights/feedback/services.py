"""Offering feedback once at each moment, and keeping the answers apart from the case."""

import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from victimsrights.cases.models import Case, CaseStatus
from victimsrights.feedback.models import FeedbackOffer, FeedbackResponse, Moment
from victimsrights.reporting.models import Report, ReportStatus
from victimsrights.reviews.models import ReviewRequest


class FeedbackRefused(Exception):
    """Nothing to give feedback on now, or it was given already."""


def moment_due(*, report: Report, case: Case | None, review: ReviewRequest | None) -> Moment | None:
    """The latest moment the victim has reached, if they have not answered or declined it: each offered once, never
    pressed, and an earlier moment is not offered again once a later one has been."""
    reached = []
    if report.status in (ReportStatus.RECORDED, ReportStatus.DECLINED):
        reached.append(Moment.DECIDED)
    if case is not None and case.status == CaseStatus.CLOSED:
        reached.append(Moment.CLOSED)
    if review is not None and review.decided_at is not None:
        reached.append(Moment.REVIEWED)
    if not reached:
        return None
    latest = reached[-1]
    return None if FeedbackOffer.objects.filter(report=report, moment=latest).exists() else latest


@transaction.atomic
def feedback_give(*, report: Report, moment: Moment, answers: dict[str, str]) -> None:
    """The answers are stored with no link to the report; only the offer is marked as answered."""
    try:
        with transaction.atomic():
            FeedbackOffer.objects.create(report=report, moment=moment, declined=False)
    except IntegrityError:
        raise FeedbackRefused(gettext("You have already told us about this.")) from None
    FeedbackResponse.objects.create(
        area_id=report.area_id,
        borough_id=report.borough_id,
        month=timezone.localdate().replace(day=1),
        moment=moment,
        **answers,
    )


def feedback_decline(*, report: Report, moment: Moment) -> None:
    FeedbackOffer.objects.get_or_create(report=report, moment=moment, defaults={"declined": True})


# Pseudonymising a victim's words for the commissioner: what could identify someone is replaced by its kind.
IDENTIFYING = [
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[email address]"),
    (re.compile(r"(?:\+44\s?|0)(?:\d\s?){9,10}\b"), "[phone number]"),
    (re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.I), "[postcode]"),
    (re.compile(r"\b[A-Z]{2,4}-(?:\d{4}-\d{7}|PUK-\w+)\b|\bVR-[A-Z0-9]{4}-[A-Z0-9]{4}\b", re.I), "[reference]"),
    (re.compile(r"\b\d+\s+[A-Z][a-z]+\s+(?:Road|Street|Avenue|Lane|Close|Way|Gardens|Place|Court)\b"), "[address]"),
    (re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|PC|DC|Sgt|DS|Officer)\.?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"), "[name]"),
]


def pseudonymised(words: str) -> str:
    for pattern, kind in IDENTIFYING:
        words = pattern.sub(kind, words)
    return words

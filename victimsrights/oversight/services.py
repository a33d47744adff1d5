"""Case sampling: the commissioner's only writes are their own samples and findings, never a case."""

import datetime
import random

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.areas.models import Area
from victimsrights.audit import services as audit
from victimsrights.compliance.working_days import LONDON
from victimsrights.oversight.models import Recommendation, Sample, SampledRecord, SampleKind
from victimsrights.reporting.models import Report

MAX_SAMPLE = 50


class SamplingRefused(Exception):
    """The action cannot be taken; the message is shown as it is."""


def _population(area: Area, kind: SampleKind, start: datetime.date, end: datetime.date) -> QuerySet[Report]:
    since = datetime.datetime.combine(start, datetime.time(), LONDON)
    before = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(), LONDON)
    reports = Report.objects.filter(area=area)
    if kind == SampleKind.REFUSED_TO_RECORD:
        return reports.filter(refusals__decided_at__gte=since, refusals__decided_at__lt=before).distinct()
    closed = reports.filter(crime__case__outcome_at__gte=since, crime__case__outcome_at__lt=before)
    if kind == SampleKind.NOT_CHARGED:
        return closed.filter(crime__case__outcome__decision_not_to_charge=True)
    return closed.filter(crime__case__outcome__closes_case=True)


@transaction.atomic
def sample_draw(
    *, area: Area, kind: SampleKind, start: datetime.date, end: datetime.date, size: int, actor: StaffUser
) -> Sample:
    if actor.role != Role.VICTIMS_COMMISSIONER:
        raise SamplingRefused("Only the Victims Commissioner draws samples.")
    ids = list(_population(area, kind, start, end).values_list("pk", flat=True))
    if not ids:
        raise SamplingRefused("There are no records of that kind in that area and period.")
    chosen = random.SystemRandom().sample(ids, min(size, len(ids), MAX_SAMPLE))
    sample = Sample.objects.create(
        area=area, kind=kind, start=start, end=end, drawn_at=timezone.now(), drawn_by=actor, population=len(ids)
    )
    SampledRecord.objects.bulk_create(
        SampledRecord(sample=sample, position=position, report_id=report_id)
        for position, report_id in enumerate(chosen, start=1)
    )
    for report in Report.objects.filter(pk__in=chosen):
        audit.record(actor=actor, action="oversight.sample", subject=report, detail={"sample": sample.pk})
    return sample


@transaction.atomic
def finding_record(*, record_id: int, decision_sound: bool, finding: str, actor: StaffUser) -> SampledRecord:
    record = SampledRecord.objects.select_for_update().filter(pk=record_id).first()
    if record is None or actor.role != Role.VICTIMS_COMMISSIONER:
        raise SamplingRefused("You cannot record a finding on this record.")
    record.decision_sound = decision_sound
    record.finding = finding
    record.found_at = timezone.now()
    record.save(update_fields=["decision_sound", "finding", "found_at"])
    return record


class RecommendationRefused(Exception):
    """The action cannot be taken; the message is shown as it is."""


@transaction.atomic
def recommendation_make(
    *, area: Area, report_title: str, text: str, published_on: datetime.date, actor: StaffUser
) -> Recommendation:
    """The commissioner records a recommendation from a published report; the area's answer is due in 56 days."""
    if actor.role != Role.VICTIMS_COMMISSIONER:
        raise RecommendationRefused("Only the Victims Commissioner makes recommendations.")
    recommendation = Recommendation.objects.create(
        area=area,
        report_title=report_title,
        text=text,
        published_on=published_on,
        respond_by=published_on + datetime.timedelta(days=settings.RECOMMENDATION_RESPONSE_DAYS),
        made_by=actor,
    )
    audit.record(actor=actor, action="recommendation.make", subject=recommendation, detail={"area": area.code})
    return recommendation


@transaction.atomic
def recommendation_respond(*, recommendation_id: int, response: str, actor: StaffUser) -> Recommendation:
    """The area's commander answers: the action taken or proposed, or why none. An answer is given once."""
    recommendation = (
        Recommendation.objects.select_for_update().filter(pk=recommendation_id, area_id=actor.area_id or 0).first()
    )
    if recommendation is None or actor.role != Role.AREA_COMMANDER:
        raise RecommendationRefused("You cannot answer this recommendation.")
    if recommendation.responded_at is not None:
        raise RecommendationRefused("This recommendation has been answered.")
    recommendation.response = response
    recommendation.responded_at = timezone.now()
    recommendation.responded_by = actor
    recommendation.save(update_fields=["response", "responded_at", "responded_by"])
    audit.record(actor=actor, action="recommendation.respond", subject=recommendation)
    return recommendation

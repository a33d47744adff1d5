"""Victims' Code duties: opened by case events, met by case events, breaches marked by a scheduled job."""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from victimsrights.cases.models import Case, CaseEvent, CaseEventKind, CaseStatus
from victimsrights.compliance.fixture import DUTIES_FIXTURE, duties_into
from victimsrights.compliance.models import CaseDuty, Duty
from victimsrights.compliance.working_days import due_on, london_date


@transaction.atomic
def duties_load(*, path: Path = DUTIES_FIXTURE) -> int:
    return duties_into(Duty, path)


def duties_on_event(*, case: Case, kind: str, at: datetime.datetime) -> None:
    """Open the duties `kind` starts, then meet the open ones it fulfils (those started no later than it).

    Call inside the transaction that records the event. A records-only case has no victim here to owe them to.
    """
    if case.records_only:
        return
    CaseDuty.objects.bulk_create(_opened(case, duty, at) for duty in Duty.objects.filter(trigger=kind, repeating=False))
    CaseDuty.objects.filter(case=case, fulfilled_at__isnull=True, duty__fulfilled_by=kind, triggered_at__lte=at).update(
        fulfilled_at=at, fulfilled_on=london_date(at)
    )
    if kind in REGULAR_UPDATE_EVENTS:
        _regular_update_keep(case=case, at=at)


def _opened(case: Case, duty: Duty, at: datetime.datetime) -> CaseDuty:
    return CaseDuty(
        case=case,
        area_id=case.area_id,
        duty=duty,
        triggered_at=at,
        enhanced=case.enhanced_rights,
        due_on=due_on(at, duty.working_days(enhanced=case.enhanced_rights)),
    )


def duties_on_events(events: Sequence[tuple[Case, str, datetime.datetime]]) -> None:
    """`duties_on_event` for many events at once, in their order (oldest first within a case): the same duties
    opened and met, in three statements. Not for the events that keep the regular update.

    Call inside the transaction that records the events, with their cases locked."""
    if any(kind in REGULAR_UPDATE_EVENTS for _case, kind, _at in events):
        raise ValueError("Apply the events that keep the regular update one at a time")
    live = [(case, kind, at) for case, kind, at in events if not case.records_only]
    if not live:
        return
    duties = {duty.pk: duty for duty in Duty.objects.all()}
    opened_by: dict[str, list[Duty]] = defaultdict(list)
    for duty in duties.values():
        if not duty.repeating:
            opened_by[duty.trigger].append(duty)
    owed: dict[int, list[CaseDuty]] = defaultdict(list)
    for row in CaseDuty.objects.filter(
        case__in={case.pk for case, _kind, _at in live},
        fulfilled_at__isnull=True,
        duty__fulfilled_by__in={kind for _case, kind, _at in live},
    ):
        owed[row.case_id].append(row)
    opened, met = [], []
    for case, kind, at in live:
        for duty in opened_by[kind]:
            row = _opened(case, duty, at)
            owed[case.pk].append(row)
            opened.append(row)
        for row in owed[case.pk]:
            if row.fulfilled_at is None and duties[row.duty_id].fulfilled_by == kind and row.triggered_at <= at:
                row.fulfilled_at, row.fulfilled_on = at, london_date(at)
                if row.pk:
                    met.append(row)
    CaseDuty.objects.bulk_create(opened)
    CaseDuty.objects.bulk_update(met, ["fulfilled_at", "fulfilled_on"], batch_size=500)


# Right 6's regular update starts when the crime is recorded and again after each update, and restarts on reopening.
REGULAR_UPDATE_EVENTS = {CaseEventKind.CRIME_RECORDED, CaseEventKind.UPDATE_PUBLISHED, CaseEventKind.CASE_REOPENED}


def _regular_update_keep(*, case: Case, at: datetime.datetime) -> None:
    """While the case is open and the victim wants regular updates, one regular update is always owed."""
    days = case.update_working_days
    if case.status == CaseStatus.CLOSED or days is None:
        return
    for duty in Duty.objects.filter(repeating=True):
        if not CaseDuty.objects.filter(case=case, duty=duty, fulfilled_at__isnull=True).exists():
            CaseDuty.objects.create(
                case=case,
                area_id=case.area_id,
                duty=duty,
                triggered_at=at,
                enhanced=case.enhanced_rights,
                due_on=due_on(at, days),
            )


def duties_follow_update_frequency(*, case: Case, at: datetime.datetime) -> None:
    """The victim agreed a new interval. The regular update owed now takes it: counted from the last update when
    that is later than it would have been, and never later than the new interval from now when it is sooner. None is
    owed when they want only the important points (one already missed stays on the record)."""
    days = case.update_working_days
    owed = CaseDuty.objects.filter(case=case, duty__repeating=True, fulfilled_at__isnull=True, breached_at__isnull=True)
    if days is None:
        owed.delete()
        return
    for duty in owed:
        duty.due_on = max(due_on(duty.triggered_at, days), min(duty.due_on, due_on(at, days)))
        duty.save(update_fields=["due_on"])
    _regular_update_keep(case=case, at=at)


def duties_make_enhanced(*, case: Case) -> None:
    """The victim now has enhanced rights: open duties take the shorter deadline, counted from their start."""
    for owed in CaseDuty.objects.select_related("duty").filter(
        case=case, fulfilled_at__isnull=True, enhanced=False, duty__repeating=False
    ):
        owed.enhanced = True
        owed.due_on = min(owed.due_on, due_on(owed.triggered_at, owed.duty.enhanced_working_days))
        owed.save(update_fields=["enhanced", "due_on"])


def duties_mark_breached(*, now: datetime.datetime | None = None) -> int:
    """Mark open duties whose last day has passed. Safe to run anywhere, any number of times."""
    now = now or timezone.now()
    return CaseDuty.objects.filter(
        fulfilled_at__isnull=True, breached_at__isnull=True, due_on__lt=london_date(now)
    ).update(breached_at=now)


def duties_mark_undelivered(
    *, report_id: int, fulfilled_by: str, told_at: datetime.datetime | None, now: datetime.datetime
) -> int:
    """A message never reached the victim (it failed for good). Victims' Code: a duty is met when the victim is told.

    If it had been sent (`told_at`) and met duties then, they were not met then: if a later event of the same kind
    happened (Notify can report a failure hours later), they were met by that one, whose own failure would move them
    on again; otherwise they are open again. If it was never sent, the duties it would have met stay open. Either
    way they are marked for the officer: tell the victim another way."""
    duties = CaseDuty.objects.filter(case__crime__report_id=report_id, duty__fulfilled_by=fulfilled_by)
    if told_at is None:
        return duties.filter(fulfilled_at__isnull=True).update(undelivered_at=now)
    later = (
        CaseEvent.objects.filter(case__crime__report_id=report_id, kind=fulfilled_by, happened_at__gt=told_at)
        .order_by("happened_at")
        .values_list("happened_at", flat=True)
        .first()
    )
    return duties.filter(fulfilled_at=told_at).update(
        fulfilled_at=later, fulfilled_on=london_date(later) if later else None, undelivered_at=now
    )

"""Victims' Code duties: opened by case events, met by case events, breaches marked by a scheduled job."""

import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from victimsrights.cases.models import Case
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
    CaseDuty.objects.bulk_create(
        CaseDuty(
            case=case,
            area_id=case.area_id,
            duty=duty,
            triggered_at=at,
            enhanced=case.enhanced_rights,
            due_on=due_on(at, duty.working_days(enhanced=case.enhanced_rights)),
        )
        for duty in Duty.objects.filter(trigger=kind)
    )
    CaseDuty.objects.filter(case=case, fulfilled_at__isnull=True, duty__fulfilled_by=kind, triggered_at__lte=at).update(
        fulfilled_at=at, fulfilled_on=london_date(at)
    )


def duties_make_enhanced(*, case: Case) -> None:
    """The victim now has enhanced rights: open duties take the shorter deadline, counted from their start."""
    for owed in CaseDuty.objects.select_related("duty").filter(case=case, fulfilled_at__isnull=True, enhanced=False):
        owed.enhanced = True
        owed.due_on = min(owed.due_on, due_on(owed.triggered_at, owed.duty.enhanced_working_days))
        owed.save(update_fields=["enhanced", "due_on"])


def duties_mark_breached(*, now: datetime.datetime | None = None) -> int:
    """Mark open duties whose last day has passed. Safe to run anywhere, any number of times."""
    now = now or timezone.now()
    return CaseDuty.objects.filter(
        fulfilled_at__isnull=True, breached_at__isnull=True, due_on__lt=london_date(now)
    ).update(breached_at=now)

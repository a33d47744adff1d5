"""The case after recording. Every publication to the victim queues an alert in the same transaction."""

import datetime
import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.audit import services as audit
from victimsrights.cases.models import Case, CaseStatus, Hearing, Message, OutcomeType, TimelineEvent, TimelineKind
from victimsrights.notify.services import alert_create
from victimsrights.recording.models import Crime

OUTCOME_TYPES_FIXTURE = Path(__file__).parent / "fixtures" / "outcome_types.json"


class CaseRefused(Exception):
    """An action that cannot be taken; the message is shown as it is."""


@transaction.atomic
def outcome_types_load(*, path: Path = OUTCOME_TYPES_FIXTURE) -> int:
    rows = json.loads(path.read_text(encoding="utf-8"))["outcome_types"]
    for row in rows:
        OutcomeType.objects.update_or_create(
            code=row["code"],
            defaults={
                "title": row["title"],
                "plain_words": row["plain"],
                "closes_case": row["closes_case"],
                "decision_not_to_charge": row["decision_not_to_charge"],
            },
        )
    return len(rows)


def case_open(*, crime: Crime) -> Case:
    case, _ = Case.objects.get_or_create(crime=crime)
    return case


def case_view(*, case_id: int, actor: StaffUser) -> Case | None:
    """Open a case in the officer's area; the read is audited."""
    from victimsrights.cases.selectors import cases_in_scope

    case = (
        cases_in_scope(user=actor)
        .select_related("crime__report__contact", "crime__classification", "officer", "outcome")
        .filter(pk=case_id)
        .first()
    )
    if case is not None:
        audit.record(actor=actor, action="case.view", subject=case.crime.report)
    return case


def _lock_case(*, case_id: int, actor: StaffUser) -> Case:
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("crime__report__contact")
        .filter(pk=case_id, crime__report__area_id=actor.area_id or 0)
        .first()
    )
    if case is None or actor.role != Role.INVESTIGATING_OFFICER:
        raise CaseRefused("You cannot change this case.")
    if case.crime.cancelled_at:
        raise CaseRefused("This crime record was cancelled.")
    return case


def _publish(case: Case, *, kind: TimelineKind, text: str, actor: StaffUser | None, at: Any = None) -> TimelineEvent:
    event = TimelineEvent.objects.create(
        case=case, kind=kind, published_at=at or timezone.now(), author=actor, text=text
    )
    alert_create(report=case.crime.report)
    audit.record(actor=actor, action=f"case.publish_{kind}", subject=case.crime.report, detail={"event": event.pk})
    return event


@transaction.atomic
def case_take(*, case_id: int, actor: StaffUser) -> Case:
    case = _lock_case(case_id=case_id, actor=actor)
    case.officer = actor
    case.save(update_fields=["officer"])
    _publish(case, kind=TimelineKind.UPDATE, text=f"{actor.get_full_name()} is now the officer in charge.", actor=actor)
    return case


@transaction.atomic
def update_publish(*, case_id: int, text: str, actor: StaffUser) -> TimelineEvent:
    case = _lock_case(case_id=case_id, actor=actor)
    return _publish(case, kind=TimelineKind.UPDATE, text=text, actor=actor)


@transaction.atomic
def hearing_add(
    *, case_id: int, starts_at: datetime.datetime, court: str, what_to_expect: str, actor: StaffUser
) -> Hearing:
    case = _lock_case(case_id=case_id, actor=actor)
    hearing = Hearing.objects.create(case=case, starts_at=starts_at, court=court, what_to_expect=what_to_expect)
    when = timezone.localtime(starts_at).strftime("%-d %B %Y at %-I:%M%p").replace("AM", "am").replace("PM", "pm")
    _publish(case, kind=TimelineKind.HEARING, text=f"A court hearing is set for {when} at {court}.", actor=actor)
    return hearing


@transaction.atomic
def outcome_record(*, case_id: int, outcome: OutcomeType, actor: StaffUser) -> Case:
    case = _lock_case(case_id=case_id, actor=actor)
    if case.status == CaseStatus.CLOSED:
        raise CaseRefused("This case is already closed.")
    case.outcome = outcome
    case.outcome_at = timezone.now()
    case.status = CaseStatus.CLOSED if outcome.closes_case else CaseStatus.CHARGED
    case.save(update_fields=["outcome", "outcome_at", "status"])
    _publish(case, kind=TimelineKind.OUTCOME, text=outcome.plain_words, actor=actor)
    return case


@transaction.atomic
def message_from_victim(*, case: Case, body: str) -> Message:
    message = Message.objects.create(case=case, from_victim=True, body=body, sent_at=timezone.now())
    audit.record(actor=None, actor_label="victim (signed in)", action="case.message", subject=case.crime.report)
    return message


@transaction.atomic
def message_reply(*, case_id: int, body: str, actor: StaffUser) -> Message:
    case = _lock_case(case_id=case_id, actor=actor)
    now = timezone.now()
    case.messages.filter(from_victim=True, answered_at__isnull=True).update(answered_at=now)
    message = Message.objects.create(case=case, from_victim=False, author=actor, body=body, sent_at=now)
    alert_create(report=case.crime.report)
    audit.record(actor=actor, action="case.reply", subject=case.crime.report)
    return message

"""The case after recording. Every publication to the victim queues an alert in the same transaction."""

import datetime
import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.audit import services as audit
from victimsrights.cases.models import (
    Case,
    CaseEvent,
    CaseEventKind,
    CaseStatus,
    EnhancedRightsReason,
    Hearing,
    Message,
    OutcomeType,
    PropertyItem,
    PropertyKind,
    PropertyStatus,
    TimelineEvent,
    TimelineKind,
    UpdateFrequency,
)
from victimsrights.cases.selectors import cases_in_scope, support_referral_agreed
from victimsrights.compliance.services import (
    duties_follow_update_frequency,
    duties_make_enhanced,
    duties_on_event,
    duties_on_events,
)
from victimsrights.govuk.formats import when_words
from victimsrights.notify.services import alert_create
from victimsrights.recording.models import Crime
from victimsrights.recording.services import RecordsOutcome
from victimsrights.reporting.models import Report
from victimsrights.reviews.rules import review_offer

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
                "closes_case": row["closes_case"],
                "decision_not_to_charge": row["decision_not_to_charge"],
                "review_route": row.get("review_route", ""),
                "outside_national_scheme": row.get("outside_national_scheme", ""),
            },
        )
    return len(rows)


def case_event(
    case: Case,
    kind: CaseEventKind,
    *,
    actor: StaffUser | None,
    at: datetime.datetime | None = None,
    note: str = "",
    actor_label: str = "",
) -> CaseEvent:
    """Put an event on the case history; the Victims' Code duties it starts or meets follow. Call in a transaction."""
    event = CaseEvent.objects.create(
        case=case, kind=kind, happened_at=at or timezone.now(), actor=actor, actor_label=actor_label, note=note
    )
    duties_on_event(case=case, kind=kind, at=event.happened_at)
    return event


def case_events_add(events: list[tuple[Case, CaseEventKind, datetime.datetime, str]], *, actor_label: str) -> None:
    """`case_event` for many events (case, kind, time, note) from a records system, in their order: the same history
    and duties in a few statements. Call in a transaction, with the cases locked."""
    CaseEvent.objects.bulk_create(
        CaseEvent(case=case, kind=kind, happened_at=at, actor_label=actor_label, note=note)
        for case, kind, at, note in events
    )
    duties_on_events([(case, kind, at) for case, kind, at, _note in events])


def _automatic_enhanced_reason(crime: Crime) -> str:
    """Victims' Code (2020), Enhanced Rights: victims of the most serious crime, including domestic abuse, hate crime,
    sexual offences and bereaved close relatives (recording/fixtures/offences.json cites the source); and a victim
    under 18 is automatically a vulnerable victim (Nottinghamshire Police, "What are Enhanced Rights and how do I
    receive them?")."""
    if crime.report.under_18:
        return EnhancedRightsReason.UNDER_18
    if crime.domestic_abuse:
        return EnhancedRightsReason.DOMESTIC_ABUSE
    if crime.hate_crime:
        return EnhancedRightsReason.HATE_CRIME
    return EnhancedRightsReason.MOST_SERIOUS_CRIME if crime.classification.enhanced_rights else ""


def case_open(*, crime: Crime, records_only: bool = False) -> Case:
    """Called by recording, in its transaction. The most serious crimes carry enhanced rights from the start."""
    case, created = Case.objects.get_or_create(
        crime=crime, defaults={"records_only": records_only, "area_id": crime.report.area_id}
    )
    if created:
        reason = _automatic_enhanced_reason(crime)
        if reason:
            case.enhanced_rights = True
            case.enhanced_reason = reason
            case.save(update_fields=["enhanced_rights", "enhanced_reason"])
        case_event(case, CaseEventKind.CRIME_RECORDED, actor=crime.recorded_by, at=crime.recorded_at)
        if crime.report.interpreter_language:  # Right 1: an interpreter need opens its own duty
            case_event(
                case,
                CaseEventKind.INTERPRETER_NEEDED,
                actor=None,
                actor_label="the victim's report",
                at=crime.recorded_at,
            )
        if crime.report.referral_consent:  # Right 4: referred to support only with the victim's agreement
            case_event(
                case,
                CaseEventKind.SUPPORT_REFERRAL_AGREED,
                actor=None,
                actor_label="the victim's report",
                at=crime.recorded_at,
            )
    return case


def acknowledgement_sent(*, crime: Crime, at: datetime.datetime) -> None:
    """The written acknowledgement with the crime number reached the victim's safe channel."""
    case = Case.objects.filter(crime=crime).first()
    if case is not None:
        case_event(case, CaseEventKind.ACKNOWLEDGEMENT_SENT, actor=None, actor_label="the service", at=at)


def case_view(*, case_id: int, actor: StaffUser) -> Case | None:
    """Open a case in the officer's area; the read is audited."""
    case = (
        cases_in_scope(user=actor)
        .select_related("crime__report__contact", "crime__classification", "officer", "outcome")
        .filter(pk=case_id)
        .first()
    )
    if case is not None:
        audit.record(actor=actor, action="case.view", subject=case.crime.report)
    return case


def _lock_open_case(*, case_id: int, actor: StaffUser) -> Case:
    case = _lock_case(case_id=case_id, actor=actor)
    if case.status == CaseStatus.CLOSED:
        raise CaseRefused("This case is closed. Send the victim a message if you need to tell them something.")
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


def in_victims_language(case: Case) -> translation.override:
    """The service's own words on a victim's case page are stored as they read them: in their report's language."""
    return translation.override(case.crime.report.language)


def publish_to_victim(
    case: Case, *, kind: TimelineKind, text: str, actor: StaffUser | None, at: Any = None, actor_label: str = ""
) -> TimelineEvent:
    """Show `text` on the victim's case page and alert them to sign in. Call inside a transaction."""
    event = TimelineEvent.objects.create(
        case=case, kind=kind, published_at=at or timezone.now(), author=actor, text=text
    )
    alert_create(report=case.crime.report, about_update_at=event.published_at)
    audit.record(
        actor=actor,
        action=f"case.publish_{kind}",
        subject=case.crime.report,
        detail={"event": event.pk},
        actor_label=actor_label,
    )
    case_event(case, CaseEventKind.UPDATE_PUBLISHED, actor=actor, at=event.published_at, actor_label=actor_label)
    return event


@transaction.atomic
def case_take(*, case_id: int, actor: StaffUser) -> Case:
    case = _lock_case(case_id=case_id, actor=actor)
    return officer_apply(case, officer=actor, actor=actor)


def officer_apply(
    case: Case, *, officer: StaffUser, actor: StaffUser | None, actor_label: str = "", at: Any = None
) -> Case:
    """`officer` is now in charge; the victim is told who. Call with the case locked."""
    case.officer = officer
    case.save(update_fields=["officer"])
    case_event(case, CaseEventKind.OFFICER_ASSIGNED, actor=actor, actor_label=actor_label, at=at)
    with in_victims_language(case):
        text = gettext("{officer} is now the officer in charge.").format(officer=officer.get_full_name())
    publish_to_victim(
        case,
        kind=TimelineKind.UPDATE,
        text=text,
        actor=actor,
        actor_label=actor_label,
    )
    return case


@transaction.atomic
def update_publish(*, case_id: int, text: str, actor: StaffUser) -> TimelineEvent:
    case = _lock_open_case(case_id=case_id, actor=actor)
    return publish_to_victim(case, kind=TimelineKind.UPDATE, text=text, actor=actor)


@transaction.atomic
def hearing_add(
    *, case_id: int, starts_at: datetime.datetime, court: str, what_to_expect: str, actor: StaffUser
) -> Hearing:
    case = _lock_open_case(case_id=case_id, actor=actor)
    return hearing_apply(case, starts_at=starts_at, court=court, what_to_expect=what_to_expect, actor=actor)


def hearing_apply(
    case: Case,
    *,
    starts_at: datetime.datetime,
    court: str,
    what_to_expect: str,
    actor: StaffUser | None,
    actor_label: str = "",
    at: Any = None,
) -> Hearing:
    """A court hearing is set; the victim is told when and where. Call with the case locked."""
    if case.hearings.filter(starts_at=starts_at, court__iexact=court.strip(), vacated_at__isnull=True).exists():
        raise CaseRefused("This hearing is already on the case: the victim has been told about it.")
    hearing = Hearing.objects.create(case=case, starts_at=starts_at, court=court, what_to_expect=what_to_expect)
    case_event(case, CaseEventKind.HEARING_SET, actor=actor, actor_label=actor_label, at=at)
    with in_victims_language(case):
        text = gettext("A court hearing is set for {when} at {court}.").format(when=when_words(starts_at), court=court)
    publish_to_victim(
        case,
        kind=TimelineKind.HEARING,
        text=text,
        actor=actor,
        actor_label=actor_label,
    )
    return hearing


@transaction.atomic
def outcome_record(*, case_id: int, outcome: OutcomeType, actor: StaffUser, explanation: str) -> Case:
    case = _lock_open_case(case_id=case_id, actor=actor)
    if outcome.decision_not_to_charge and not explanation.strip():
        raise CaseRefused("Explain to the victim, in your own words, why no one is being charged.")
    return outcome_apply(case, outcome=outcome, actor=actor, explanation=explanation.strip())


def outcome_apply(
    case: Case,
    *,
    outcome: OutcomeType,
    actor: StaffUser | None,
    actor_label: str = "",
    at: Any = None,
    explanation: str = "",
) -> Case:
    """The Home Office outcome type is decided; the victim is told it in plain words, with the officer's own
    explanation when there is one. Call with the case locked."""
    kind = _outcome_set(case, outcome=outcome, at=at or timezone.now(), actor=actor, explanation=explanation)
    case.save(
        update_fields=["outcome", "outcome_at", "outcome_by", "outcome_explanation", "published_outcome", "status"]
    )
    with in_victims_language(case):
        text = str(outcome.words)
        if explanation:
            text += "\n\n" + explanation
        if outcome.closes_case:
            text += _hearings_vacated(case)
        if outcome.decision_not_to_charge:
            told_at = timezone.now()  # the time to ask runs from being told, which is now, not from the decision
            text += "\n\n" + review_offer(outcome.review_route, told_at)
    case_event(case, kind, actor=actor, actor_label=actor_label, at=case.outcome_at, note=str(outcome))
    if case.records_only:
        return case
    publish_to_victim(case, kind=TimelineKind.OUTCOME, text=text, actor=actor, actor_label=actor_label)
    return case


def published_outcome_apply(case: Case, *, category: str, actor_label: str, at: datetime.datetime) -> Case:
    """A records-only crime closed with an outcome as police.uk publishes it, where the category stands for several
    Home Office types: the category is kept as published and no type is guessed. Call with the case locked."""
    if not case.records_only:
        raise CaseRefused("Only a crime known from the force's records can close with a published category.")
    _published_outcome_set(case, category=category, at=at)
    case.save(update_fields=["outcome", "outcome_at", "outcome_by", "published_outcome", "status"])
    case_event(case, CaseEventKind.CASE_CLOSED, actor=None, actor_label=actor_label, at=at, note=category)
    return case


def _outcome_set(
    case: Case, *, outcome: OutcomeType, at: datetime.datetime, actor: StaffUser | None, explanation: str = ""
) -> CaseEventKind:
    """Set the case's outcome fields (unsaved); returns the kind of case event the outcome is."""
    case.outcome, case.outcome_at, case.outcome_by = outcome, at, actor
    case.outcome_explanation = explanation
    case.published_outcome = ""
    case.status = CaseStatus.CLOSED if outcome.closes_case else CaseStatus.CHARGED
    if outcome.decision_not_to_charge:
        return CaseEventKind.DECISION_NOT_TO_CHARGE
    return CaseEventKind.CASE_CLOSED if outcome.closes_case else CaseEventKind.SUSPECT_CHARGED


def _published_outcome_set(case: Case, *, category: str, at: datetime.datetime) -> None:
    case.outcome, case.outcome_at, case.outcome_by = None, at, None
    case.published_outcome = category
    case.status = CaseStatus.CLOSED


def records_cases_open(crimes: list[Crime], *, outcomes: list[RecordsOutcome | None], actor_label: str) -> list[Case]:
    """`case_open` for records-only crimes, each with its outcome when known (`outcome_apply` or
    `published_outcome_apply`): the same rows for many crimes in three statements. A records-only case runs no
    duties and tells no one. Call in a transaction."""
    opened: list[Case] = []
    events: list[CaseEvent] = []
    for crime, outcome in zip(crimes, outcomes, strict=True):
        case = Case(crime=crime, records_only=True, area_id=crime.report.area_id)
        reason = _automatic_enhanced_reason(crime)
        case.enhanced_rights, case.enhanced_reason = bool(reason), reason
        events.append(CaseEvent(case=case, kind=CaseEventKind.CRIME_RECORDED, happened_at=crime.recorded_at))
        if outcome is not None and outcome.outcome_type is not None:
            kind = _outcome_set(case, outcome=outcome.outcome_type, at=outcome.at, actor=None)
            note = str(outcome.outcome_type)
            events.append(CaseEvent(case=case, kind=kind, happened_at=outcome.at, actor_label=actor_label, note=note))
        elif outcome is not None:
            _published_outcome_set(case, category=outcome.category, at=outcome.at)
            events.append(
                CaseEvent(
                    case=case,
                    kind=CaseEventKind.CASE_CLOSED,
                    happened_at=outcome.at,
                    actor_label=actor_label,
                    note=outcome.category,
                )
            )
        opened.append(case)
    Case.objects.bulk_create(opened)
    CaseEvent.objects.bulk_create(events)
    return opened


def cps_discontinued_apply(
    case: Case, *, actor: StaffUser | None, note: str = "", actor_label: str = "", at: Any = None
) -> CaseEvent:
    """The CPS stopped the case after charge: it closes, and the victim is told, with the CPS Right to Review."""
    if case.status != CaseStatus.CHARGED:
        raise CaseRefused("The CPS can only stop a case after someone has been charged.")
    event = case_event(case, CaseEventKind.CPS_DISCONTINUED, actor=actor, at=at, note=note, actor_label=actor_label)
    case.status = CaseStatus.CLOSED
    case.save(update_fields=["status"])
    with in_victims_language(case):
        vacated = _hearings_vacated(case)
        stopped = gettext("The Crown Prosecution Service has stopped the case against the person charged.")
        text = f"{stopped}{vacated}\n\n{review_offer('cps', timezone.now())}"
    if not case.records_only:
        publish_to_victim(
            case,
            kind=TimelineKind.OUTCOME,
            text=text,
            actor=actor,
            actor_label=actor_label,
        )
    return event


def _hearings_vacated(case: Case) -> str:
    """The case closed: hearings still to come will not go ahead. Returns the sentence that tells the victim."""
    coming = list(case.hearings.filter(starts_at__gte=timezone.now(), vacated_at__isnull=True))
    if not coming:
        return ""
    case.hearings.filter(pk__in=[hearing.pk for hearing in coming]).update(vacated_at=timezone.now())
    dates = ", ".join(when_words(hearing.starts_at) for hearing in coming)
    vacated = ngettext(
        "The court hearing on {dates} will not go ahead.",
        "The court hearings on {dates} will not go ahead.",
        len(coming),
    )
    return "\n\n" + vacated.format(dates=dates)


@transaction.atomic
def event_record(*, case_id: int, kind: CaseEventKind, note: str, victim_update: str, actor: StaffUser) -> CaseEvent:
    """An officer records what happened; an update for the victim, if written, is published with it."""
    case = _lock_case(case_id=case_id, actor=actor)
    if kind == CaseEventKind.SUPPORT_REFERRAL_MADE and not note.strip():
        raise CaseRefused("Name the support service the victim was referred to, in the note.")
    if kind == CaseEventKind.SUPPORT_REFERRAL_MADE and not support_referral_agreed(case):
        raise CaseRefused(
            "The victim has not agreed to be referred to a support service. Do not pass their details on: ask them "
            "first, and record that they agreed."
        )
    if kind == CaseEventKind.SUPPORT_REFERRAL_AGREED and support_referral_agreed(case):
        raise CaseRefused("The victim has already agreed to be referred to a support service.")
    if kind == CaseEventKind.CPS_DISCONTINUED:
        event = cps_discontinued_apply(case, actor=actor, note=note)
    else:
        event = case_event(case, kind, actor=actor, note=note)
    audit.record(actor=actor, action="case.event", subject=case.crime.report, detail={"kind": str(kind)})
    if victim_update:
        publish_to_victim(case, kind=TimelineKind.UPDATE, text=victim_update, actor=actor)
    return event


@transaction.atomic
def property_record(
    *, case_id: int, description: str, kind: PropertyKind, status: PropertyStatus, collection: str, actor: StaffUser
) -> PropertyItem:
    """Victims' Code Right 10: the victim's property, recorded against their crime; they are told."""
    case = _lock_case(case_id=case_id, actor=actor)
    item = PropertyItem(case=case, description=description.strip(), kind=kind, recorded_at=timezone.now())
    return property_apply(case, item, status=status, collection=collection, actor=actor)


@transaction.atomic
def property_status_change(
    *, case_id: int, item_id: int, status: PropertyStatus, collection: str, actor: StaffUser
) -> PropertyItem:
    case = _lock_case(case_id=case_id, actor=actor)
    item = case.property_items.filter(pk=item_id).first()
    if item is None:
        raise CaseRefused("Choose an item of property recorded in this case.")
    return property_apply(case, item, status=status, collection=collection, actor=actor)


def property_apply(
    case: Case,
    item: PropertyItem,
    *,
    status: PropertyStatus,
    collection: str,
    actor: StaffUser | None,
    actor_label: str = "",
    at: datetime.datetime | None = None,
) -> PropertyItem:
    """Save the item with its status and tell the victim: a change is an update like any other (alerted, and it meets
    the regular update owed). Nobody is told when the status and collection are the same. Call in a transaction,
    with the case locked."""
    collection = collection.strip()
    if status == PropertyStatus.READY_TO_COLLECT and not collection:
        raise CaseRefused("Say where and when the victim can collect it, and what to bring.")
    changed = not item.pk or (item.status, item.collection) != (status, collection)
    item.status, item.collection = status, collection
    if changed:
        item.updated_at = at or timezone.now()
    item.save()
    if not changed:
        return item
    audit.record(
        actor=actor,
        actor_label=actor_label,
        action="case.property",
        subject=case.crime.report,
        detail={"item": item.pk, "status": str(status)},
    )
    if not case.records_only:
        with in_victims_language(case):
            words = property_words(item)
        publish_to_victim(case, kind=TimelineKind.UPDATE, text=words, actor=actor, actor_label=actor_label)
    return item


def property_words(item: PropertyItem) -> str:
    """What the victim reads on their case page (never in an alert, which only asks them to sign in)."""
    words = gettext("Your property: {description} ({kind}). {status}.").format(
        description=item.description, kind=item.get_kind_display().lower(), status=item.get_status_display()
    )
    if item.status == PropertyStatus.READY_TO_COLLECT:
        words += "\n\n" + gettext("How to collect it: {collection}").format(collection=item.collection)
    return words


@transaction.atomic
def update_frequency_agree(*, case_id: int, frequency: UpdateFrequency, actor: StaffUser) -> Case:
    """Victims' Code Right 6: the officer and the victim agreed how often the victim hears about the investigation."""
    case = _lock_open_case(case_id=case_id, actor=actor)
    _update_frequency_apply(case, frequency, actor=actor, actor_label="")
    return case


@transaction.atomic
def update_frequency_choose(*, report: Report, frequency: UpdateFrequency) -> None:
    """The signed-in victim chose how often they hear about the investigation (Right 6); no change once it closed."""
    case = _lock_victims_open_case(report)
    if case is not None:
        _update_frequency_apply(case, frequency, actor=None, actor_label=SIGNED_IN_VICTIM)


@transaction.atomic
def support_referral_agree_by_victim(*, report: Report) -> None:
    """Victims' Code Right 4: the signed-in victim, who said no when reporting, now agrees to be referred to support;
    the referral duty starts now."""
    case = _lock_victims_open_case(report)
    if case is None or support_referral_agreed(case):
        return
    case_event(case, CaseEventKind.SUPPORT_REFERRAL_AGREED, actor=None, actor_label=SIGNED_IN_VICTIM)
    audit.record(actor=None, actor_label=SIGNED_IN_VICTIM, action="case.referral_agreed", subject=report)


SIGNED_IN_VICTIM = "the victim, signed in"


def _lock_victims_open_case(report: Report) -> Case | None:
    """The signed-in victim's case, locked, while it is still investigated; None for one closed or records-only."""
    case = Case.objects.select_for_update(of=("self",)).filter(crime__report=report).first()
    return None if case is None or case.status == CaseStatus.CLOSED or case.records_only else case


def _update_frequency_apply(
    case: Case, frequency: UpdateFrequency, *, actor: StaffUser | None, actor_label: str
) -> None:
    if case.update_frequency == frequency:
        return
    case.update_frequency = frequency
    case.save(update_fields=["update_frequency"])
    with translation.override("en-gb"):  # the case's history is read by staff, in English
        note = str(frequency.label)
    event = case_event(case, CaseEventKind.UPDATE_FREQUENCY_AGREED, actor=actor, actor_label=actor_label, note=note)
    duties_follow_update_frequency(case=case, at=event.happened_at)
    audit.record(
        actor=actor,
        actor_label=actor_label,
        action="case.update_frequency",
        subject=case.crime.report,
        detail={"frequency": str(frequency)},
    )


@transaction.atomic
def enhanced_rights_give(*, case_id: int, reason: EnhancedRightsReason, note: str, actor: StaffUser) -> Case:
    """The victim is vulnerable, intimidated, persistently targeted or bereaved: shorter deadlines from now on."""
    case = _lock_case(case_id=case_id, actor=actor)
    if case.enhanced_rights:
        raise CaseRefused("This victim already has enhanced rights.")
    case.enhanced_rights = True
    case.enhanced_reason = reason
    case.enhanced_note = note
    case.save(update_fields=["enhanced_rights", "enhanced_reason", "enhanced_note"])
    case_event(case, CaseEventKind.ENHANCED_RIGHTS_SET, actor=actor, note=f"{reason.label}: {note}")
    duties_make_enhanced(case=case)
    audit.record(actor=actor, action="case.enhanced_rights", subject=case.crime.report, detail={"reason": str(reason)})
    return case


def case_reopen(case: Case, *, actor: StaffUser, reason: str) -> None:
    """A reviewer overturned the decision not to charge: back to the area's investigating officers.

    Called by the reviews service inside its transaction, with the case locked.
    """
    case.status = CaseStatus.INVESTIGATING
    case.outcome = None
    case.outcome_at = None
    case.outcome_by = None
    case.outcome_explanation = ""
    case.officer = None
    case.save(update_fields=["status", "outcome", "outcome_at", "outcome_by", "outcome_explanation", "officer"])
    case_event(case, CaseEventKind.CASE_REOPENED, actor=actor, note=reason)


@transaction.atomic
def message_from_victim(*, case: Case, body: str) -> Message:
    message = Message.objects.create(case=case, from_victim=True, body=body, sent_at=timezone.now())
    Case.objects.filter(pk=case.pk).update(
        unanswered_messages=F("unanswered_messages") + 1,
        oldest_unanswered_at=Coalesce("oldest_unanswered_at", Value(message.sent_at)),
    )
    audit.record(actor=None, actor_label="the victim, signed in", action="case.message", subject=case.crime.report)
    return message


@transaction.atomic
def message_reply(*, case_id: int, body: str, actor: StaffUser) -> Message:
    case = _lock_case(case_id=case_id, actor=actor)
    now = timezone.now()
    case.messages.filter(from_victim=True, answered_at__isnull=True).update(answered_at=now)
    case.unanswered_messages, case.oldest_unanswered_at = 0, None
    case.save(update_fields=["unanswered_messages", "oldest_unanswered_at"])
    message = Message.objects.create(case=case, from_victim=False, author=actor, body=body, sent_at=now)
    alert_create(report=case.crime.report)
    audit.record(actor=actor, action="case.reply", subject=case.crime.report)
    case_event(case, CaseEventKind.UPDATE_PUBLISHED, actor=actor, at=now, note="By secure message")
    return message

"""Case events from a force's records system, applied through the same services as the officer screens."""

import datetime
import hashlib
import hmac
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.api.models import ApiClient, ApiEvent, EventResult
from victimsrights.api.schemas import EventIn, EventKind
from victimsrights.areas.models import Area, Borough, Force
from victimsrights.audit import services as audit
from victimsrights.cases import services as cases
from victimsrights.cases.models import (
    Case,
    CaseEvent,
    CaseEventKind,
    OutcomeType,
    PropertyItem,
    PropertyKind,
    PropertyStatus,
    TimelineKind,
)
from victimsrights.recording import crime_numbers
from victimsrights.recording import services as recording
from victimsrights.recording.models import Crime, OffenceClassification

KEY_PREFIX = "vrs_"
CLOCK_SKEW = datetime.timedelta(minutes=5)
SIMPLE_EVENTS = {
    EventKind.SUSPECT_ARRESTED: CaseEventKind.SUSPECT_ARRESTED,
    EventKind.SUSPECT_INTERVIEWED: CaseEventKind.SUSPECT_INTERVIEWED,
    EventKind.SUSPECT_RELEASED: CaseEventKind.SUSPECT_RELEASED,
    EventKind.BAIL_CHANGED: CaseEventKind.BAIL_CHANGED,
    EventKind.VERDICT_GIVEN: CaseEventKind.VERDICT_GIVEN,
    EventKind.SENTENCE_PASSED: CaseEventKind.SENTENCE_PASSED,
    EventKind.WITNESS_STATEMENT_TAKEN: CaseEventKind.WITNESS_STATEMENT_TAKEN,
    EventKind.VPS_OFFERED: CaseEventKind.VPS_OFFERED,
    EventKind.VCS_QUALIFYING_SENTENCE: CaseEventKind.VCS_QUALIFYING_SENTENCE,
    EventKind.VCS_REFERRAL_MADE: CaseEventKind.VCS_REFERRAL_MADE,
}


@dataclass
class Rejected(Exception):
    """The event cannot be applied: a problem detail naming the field at fault."""

    title: str
    field: str = ""
    status: int = 422

    def problem(self) -> dict[str, object]:
        errors = [{"field": self.field, "message": self.title}] if self.field else []
        return {"type": "about:blank", "title": self.title, "status": self.status, "errors": errors}


@dataclass
class Outcome:
    event_id: str
    result: str
    problem: dict[str, object] | None = field(default=None)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def client_create(*, name: str, force: Force, areas: list[Area] | None = None) -> tuple[ApiClient, str]:
    """A new client and its key, which is returned once and never stored."""
    prefix = secrets.token_hex(4)
    key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    client = ApiClient.objects.create(
        name=name, force=force, key_prefix=prefix, key_hash=_hash(key), created_at=timezone.now()
    )
    client.areas.set(areas or [])
    audit.record(actor=None, actor_label="the service", action="api.client_create", subject=client)
    return client, key


def client_for_key(key: str) -> ApiClient | None:
    """The active client whose key this is; None for anything else, in the same time whatever the key."""
    prefix = key.removeprefix(KEY_PREFIX).split("_", 1)[0] if key.startswith(KEY_PREFIX) else ""
    client = ApiClient.objects.filter(key_prefix=prefix[:12], is_active=True).first() if prefix else None
    expected = client.key_hash if client else _hash("no client")
    matches = hmac.compare_digest(expected, _hash(key))
    return client if client and matches else None


def cases_of_client(client: ApiClient) -> QuerySet[Case]:
    cases_in_force = Case.objects.filter(crime__report__force_id=client.force_id)
    area_ids = list(client.areas.values_list("id", flat=True))
    return cases_in_force.filter(crime__report__area_id__in=area_ids) if area_ids else cases_in_force


def case_state(*, client: ApiClient, crime_number: str) -> Case:
    case = (
        cases_of_client(client)
        .select_related("crime", "officer", "outcome", "crime__report")
        .filter(crime__crime_number=crime_number)
        .first()
    )
    if case is None:
        raise Rejected("No case with this crime number in your areas", field="crime_number", status=404)
    audit.record(actor=None, actor_label=_label(client), action="api.case_state", subject=case.crime.report)
    return case


def events_apply(*, client: ApiClient, events: list[EventIn], as_a_set: bool = True) -> list[Outcome]:
    """Apply each event in its own transaction, oldest first; results in the order they were sent.

    New crimes, each alone or with its outcome (`_new_crimes_apply`), and the history of recorded cases
    (`_case_events_apply`), are first applied as sets: the rows one by one would make, in a few statements.
    `as_a_set=False` applies every event one by one.
    """
    lookups = _Lookups.of(client)
    outcomes = _new_crimes_apply(client, events, lookups) if as_a_set else {}
    if as_a_set:
        outcomes |= _case_events_apply(client, events, taken=outcomes)
    for position in sorted(range(len(events)), key=lambda n: events[n].occurred_at):
        if position not in outcomes:
            outcomes[position] = _apply_one(client, events[position], lookups)
    audit.record(
        actor=None,
        actor_label=_label(client),
        action="api.events",
        subject=client,
        detail={result: sum(o.result == result for o in outcomes.values()) for result in _RESULTS},
    )
    return [outcomes[position] for position in range(len(events))]


_RESULTS = ("applied", "superseded", "duplicate", "rejected")


def _label(client: ApiClient) -> str:
    return f"{client.name} (records system)"


@dataclass(frozen=True)
class _Lookups:
    """What checking a batch's events reads, read once per batch."""

    areas: list[Area]  # the client's areas
    boroughs: dict[str, Borough]
    classifications: dict[str, OffenceClassification]
    outcome_types: dict[int, OutcomeType]

    @classmethod
    def of(cls, client: ApiClient) -> "_Lookups":
        areas = list(client.areas.all()) or list(Area.objects.filter(force_id=client.force_id))
        return cls(
            areas=areas,
            boroughs={borough.ons_code: borough for borough in Borough.objects.select_related("area")},
            classifications={offence.code: offence for offence in OffenceClassification.objects.all()},
            outcome_types={outcome.code: outcome for outcome in OutcomeType.objects.all()},
        )


def _new_crimes_apply(client: ApiClient, events: list[EventIn], lookups: _Lookups) -> dict[int, Outcome]:
    """Apply, as one set, each new crime whose events in the batch are its `crime_recorded` event, alone or followed
    by one outcome, all valid: the results one by one would give, for a historical import at thousands a second.
    Every other event, and any crime with a problem, is left to be applied one by one."""
    now = timezone.now()
    groups = _oldest_first_by_crime(events, range(len(events)))
    chosen: dict[str, tuple[list[int], recording.RecordsCrime]] = {}
    fresh = _never_received(client, events, {k: v for k, v in groups.items() if len(v) <= 2})
    for number in (number for number in groups if number in fresh):  # oldest first, as one by one records them
        crime = _new_crime(client, [events[n] for n in groups[number]], lookups, now)
        if crime is not None:
            chosen[number] = (groups[number], crime)
    for number in Crime.objects.filter(crime_number__in=chosen).values_list("crime_number", flat=True):
        chosen.pop(number)  # one by one rejects it: already recorded
    if not chosen:
        return {}
    try:
        with transaction.atomic():
            crimes = recording.crimes_from_records(
                force=client.force, crimes=[crime for _positions, crime in chosen.values()], actor_label=_label(client)
            )
            _events_applied(
                client,
                events,
                [
                    (n, crime.case)
                    for crime, (positions, _checked) in zip(crimes, chosen.values(), strict=True)
                    for n in positions
                ],
                now,
            )
    except (IntegrityError, recording.RecordingRefused):  # another process got there first: one by one will tell
        return {}
    return {
        n: Outcome(events[n].event_id, EventResult.APPLIED) for positions, _crime in chosen.values() for n in positions
    }


def _new_crime(
    client: ApiClient, crime_events: list[EventIn], lookups: _Lookups, now: datetime.datetime
) -> recording.RecordsCrime | None:
    """The crime these events (oldest first) record, if one by one they would record it and apply its outcome."""
    recorded, *rest = crime_events
    if recorded.kind != EventKind.CRIME_RECORDED or any(event.occurred_at > now + CLOCK_SKEW for event in crime_events):
        return None
    try:
        area, borough, classification = _crime_checked(client, recorded, lookups)
    except Rejected:
        return None
    outcome = None
    if rest:
        (later,) = rest
        if later.kind != EventKind.OUTCOME_RECORDED or later.victim_update.strip():
            return None
        if later.published_outcome:
            outcome = recording.RecordsOutcome(at=later.occurred_at, category=later.published_outcome.strip())
        elif (later.outcome_code or 0) in lookups.outcome_types:
            outcome_type = lookups.outcome_types[later.outcome_code or 0]
            outcome = recording.RecordsOutcome(at=later.occurred_at, outcome_type=outcome_type)
        else:
            return None
    return recording.RecordsCrime(
        area=area,
        borough=borough,
        classification=classification,
        crime_number=recorded.crime_number,
        recorded_at=recorded.occurred_at,
        outcome=outcome,
    )


def _case_events_apply(client: ApiClient, events: list[EventIn], *, taken: dict[int, Outcome]) -> dict[int, Outcome]:
    """Apply, as one set, the events on recorded cases that only add to the history and its duties (an arrest, an
    interview, a sentence ...: `SIMPLE_EVENTS` with nothing for the victim), for each case whose events in the batch
    are all such: the results and rows one by one would give. Anything else is left to be applied one by one."""
    now = timezone.now()
    groups = _oldest_first_by_crime(events, (n for n in range(len(events)) if n not in taken))
    history_only = {k: v for k, v in groups.items() if all(_history_only(events[n], now) for n in v)}
    chosen = _never_received(client, events, history_only)
    if not chosen:
        return {}
    label = _label(client)
    try:
        with transaction.atomic():
            found = {
                case.number: case
                for case in cases_of_client(client)
                .select_for_update(of=("self",))
                .filter(crime__crime_number__in=chosen, crime__cancelled_at__isnull=True)
                .annotate(number=F("crime__crime_number"))
                .order_by("pk")
            }  # a case not found, or cancelled, is rejected one by one
            applied = sorted((n for number in found for n in groups[number]), key=lambda n: (events[n].occurred_at, n))
            _events_applied(client, events, [(n, found[events[n].crime_number]) for n in applied], now)
            cases.case_events_add(
                [
                    (
                        found[events[n].crime_number],
                        SIMPLE_EVENTS[events[n].kind],
                        events[n].occurred_at,
                        events[n].note,
                    )
                    for n in applied
                ],
                actor_label=label,
            )
    except IntegrityError:  # another process applied one of them first: one by one will tell
        return {}
    return {n: Outcome(events[n].event_id, EventResult.APPLIED) for n in applied}


def _oldest_first_by_crime(events: list[EventIn], positions: Iterable[int]) -> dict[str, list[int]]:
    """The events' positions grouped by crime number, oldest first (ties in the order they came)."""
    groups: dict[str, list[int]] = {}
    for n in sorted(positions, key=lambda n: (events[n].occurred_at, n)):
        groups.setdefault(events[n].crime_number, []).append(n)
    return groups


def _never_received(client: ApiClient, events: list[EventIn], groups: dict[str, list[int]]) -> set[str]:
    """The crime numbers whose events each come once in the batch and were never received before: one by one
    acknowledges a duplicate, so a set leaves it alone."""
    ids = Counter(event.event_id for event in events)
    once = {number for number, positions in groups.items() if all(ids[events[n].event_id] == 1 for n in positions)}
    number_of = {events[n].event_id: number for number in once for n in groups[number]}
    for event_id in ApiEvent.objects.filter(client=client, event_id__in=list(number_of)).values_list(
        "event_id", flat=True
    ):
        once.discard(number_of[event_id])
    return once


def _events_applied(
    client: ApiClient, events: list[EventIn], applied: list[tuple[int, Case]], now: datetime.datetime
) -> None:
    """Keep each applied event's id (idempotency) against its case."""
    ApiEvent.objects.bulk_create(
        ApiEvent(
            client=client,
            event_id=events[n].event_id,
            case=case,
            kind=events[n].kind,
            occurred_at=events[n].occurred_at,
            received_at=now,
            result=EventResult.APPLIED,
        )
        for n, case in applied
    )


def _history_only(event: EventIn, now: datetime.datetime) -> bool:
    return event.kind in SIMPLE_EVENTS and not event.victim_update.strip() and event.occurred_at <= now + CLOCK_SKEW


def _apply_one(client: ApiClient, event: EventIn, lookups: _Lookups) -> Outcome:
    try:
        with transaction.atomic():
            result = _apply(client, event, lookups)
    except IntegrityError:
        earlier = ApiEvent.objects.filter(client=client, event_id=event.event_id).first()
        if earlier is None:
            raise
        return Outcome(event.event_id, "duplicate")
    except Rejected as rejected:
        return Outcome(event.event_id, "rejected", rejected.problem())
    return Outcome(event.event_id, result)


def _apply(client: ApiClient, event: EventIn, lookups: _Lookups) -> str:
    now = timezone.now()
    if ApiEvent.objects.filter(client=client, event_id=event.event_id).exists():
        return "duplicate"
    if event.occurred_at > now + CLOCK_SKEW:
        raise Rejected("The event is in the future", field="occurred_at")
    if event.kind == EventKind.CRIME_RECORDED:
        crime = _crime_record(client, event, lookups)
        _event_keep(client, event, crime.case, now)
        return EventResult.APPLIED
    case = (
        cases_of_client(client)
        .select_for_update(of=("self",))
        .select_related("crime__report")
        .filter(crime__crime_number=event.crime_number)
        .first()
    )
    if case is None:
        raise Rejected("No case with this crime number in your areas", field="crime_number", status=404)
    if case.crime.cancelled_at:
        raise Rejected("This crime record was cancelled", field="crime_number", status=409)
    if case.records_only and event.victim_update.strip():
        raise Rejected("This case's victim is not in the service, so cannot be sent an update", field="victim_update")
    record = _event_keep(client, event, case, now)
    applied = _drive(case, event, _label(client))
    if not applied:
        record.result = EventResult.SUPERSEDED
        record.save(update_fields=["result"])
    return str(record.result)


def _event_keep(client: ApiClient, event: EventIn, case: Case, now: datetime.datetime) -> ApiEvent:
    return ApiEvent.objects.create(
        client=client,
        event_id=event.event_id,
        case=case,
        kind=event.kind,
        occurred_at=event.occurred_at,
        received_at=now,
        result=EventResult.APPLIED,
    )


def _recording_area(client: ApiClient, borough: Borough | None, area_code: str | None, areas: list[Area]) -> Area:
    """The client's area whose crime it is: the borough's own, or, for a crime in another force's borough or with
    no location, the area the client names (or its force's only area)."""
    if borough is not None and borough.area.force_id == client.force_id:
        if borough.area_id not in {area.pk for area in areas}:
            raise Rejected("No borough with this ONS code in your areas", field="crime.borough_code")
        if area_code and area_code != borough.area.code:
            raise Rejected(f"This borough is in the area {borough.area.code}", field="crime.area_code")
        return borough.area
    if area_code:
        named = [area for area in areas if area.code == area_code]
        if not named:
            raise Rejected("No area with this code in your areas", field="crime.area_code")
        return named[0]
    if len(areas) != 1:
        raise Rejected(
            "Give the area that recorded it: the borough is not one of your force's, or there is no location",
            field="crime.area_code",
        )
    return areas[0]


def _crime_checked(
    client: ApiClient, event: EventIn, lookups: _Lookups
) -> tuple[Area, Borough | None, OffenceClassification]:
    """The recording area, borough and offence of a `crime_recorded` event; Rejected if it cannot be recorded."""
    if event.crime is None:
        raise Rejected("Give the crime's classification and borough", field="crime")
    borough = None
    if event.crime.borough_code:
        borough = lookups.boroughs.get(event.crime.borough_code)
        if borough is None:
            raise Rejected("No London borough with this ONS code", field="crime.borough_code")
    area = _recording_area(client, borough, event.crime.area_code, lookups.areas)
    classification = lookups.classifications.get(event.crime.classification_code)
    if classification is None:
        raise Rejected("No offence with this Home Office classification code", field="crime.classification_code")
    problem = crime_numbers.records_system_problem(client.force, event.crime_number)
    if problem:
        raise Rejected(problem, field="crime_number")
    return area, borough, classification


def _crime_record(client: ApiClient, event: EventIn, lookups: _Lookups) -> Crime:
    area, borough, classification = _crime_checked(client, event, lookups)
    # Only the client's own force's namespace is looked at, so the answer tells nothing about another force.
    if Crime.objects.filter(crime_number=event.crime_number).exists():
        raise Rejected("A crime with this crime number is already recorded", field="crime_number", status=409)
    return recording.crime_from_records(
        force=client.force,
        area=area,
        borough=borough,
        classification=classification,
        crime_number=event.crime_number,
        recorded_at=event.occurred_at,
        actor_label=_label(client),
    )


def _drive(case: Case, event: EventIn, label: str) -> bool:
    """Call the service an officer's screen would call. False when a later event of the same kind already applies."""
    at = event.occurred_at
    if event.kind == EventKind.OFFICER_ASSIGNED:
        officer = _officer(case, event.officer_username)
        if CaseEvent.objects.filter(case=case, kind=CaseEventKind.OFFICER_ASSIGNED, happened_at__gt=at).exists():
            return False
        cases.officer_apply(case, officer=officer, actor=None, actor_label=label, at=at)
    elif event.kind == EventKind.OUTCOME_RECORDED and event.published_outcome:
        if not case.records_only:
            raise Rejected("Give the Home Office outcome type: the victim is told it", field="published_outcome")
        if case.outcome_at and case.outcome_at > at:
            return False
        cases.published_outcome_apply(case, category=event.published_outcome.strip(), actor_label=label, at=at)
    elif event.kind == EventKind.OUTCOME_RECORDED:
        outcome = OutcomeType.objects.filter(code=event.outcome_code or 0).first()
        if outcome is None:
            raise Rejected("Give a Home Office outcome type from 1 to 22", field="outcome_code")
        if case.outcome_at and case.outcome_at > at:
            return False
        cases.outcome_apply(case, outcome=outcome, actor=None, actor_label=label, at=at)
    elif event.kind == EventKind.HEARING_SET:
        if event.hearing is None:
            raise Rejected("Give the hearing's time and court", field="hearing")
        try:
            cases.hearing_apply(
                case,
                starts_at=event.hearing.starts_at,
                court=event.hearing.court,
                what_to_expect=event.hearing.what_to_expect,
                actor=None,
                actor_label=label,
                at=at,
            )
        except cases.CaseRefused as refused:  # the same hearing under another event id
            raise Rejected(str(refused), field="hearing", status=409) from None
    elif event.kind == EventKind.VICTIM_UPDATE:
        if not event.victim_update.strip():
            raise Rejected("Write the update for the victim", field="victim_update")
    elif event.kind == EventKind.PROPERTY_UPDATED:
        if not _property(case, event, label):
            return False
    elif event.kind == EventKind.CPS_DISCONTINUED:
        try:
            cases.cps_discontinued_apply(case, actor=None, actor_label=label, at=at, note=event.note)
        except cases.CaseRefused as refused:
            raise Rejected(str(refused), field="kind", status=409) from None
    else:
        cases.case_event(case, SIMPLE_EVENTS[event.kind], actor=None, actor_label=label, at=at, note=event.note)
    if event.victim_update.strip():
        cases.publish_to_victim(
            case, kind=TimelineKind.UPDATE, text=event.victim_update.strip(), actor=None, actor_label=label
        )
    return True


def _property(case: Case, event: EventIn, label: str) -> bool:
    """False when the item already has a later status than this event's."""
    if event.property is None:
        raise Rejected("Give the property's reference, description, kind and status", field="property")
    given = event.property
    item = case.property_items.filter(reference=given.reference).first() or PropertyItem(
        case=case, reference=given.reference, recorded_at=event.occurred_at
    )
    if item.pk and item.updated_at > event.occurred_at:
        return False
    item.description, item.kind = given.description.strip(), PropertyKind(given.kind)
    try:
        cases.property_apply(
            case,
            item,
            status=PropertyStatus(given.status),
            collection=given.collection,
            actor=None,
            actor_label=label,
            at=event.occurred_at,
        )
    except cases.CaseRefused as refused:
        raise Rejected(str(refused), field="property.collection") from None
    return True


def _officer(case: Case, username: str | None) -> StaffUser:
    officer = (
        StaffUser.objects.filter(
            Q(username=username or ""), role=Role.INVESTIGATING_OFFICER, area_id=case.crime.report.area_id or 0
        )
        .filter(is_active=True)
        .first()
    )
    if officer is None:
        raise Rejected("No investigating officer with this username in the case's area", field="officer_username")
    return officer

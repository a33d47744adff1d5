"""Right to Record: recording decisions, crime numbers, refusals, appeals and cancellations.

Each action locks the report, checks it is in a state where the action makes sense, makes the
change, writes the report's history and the audit log, and queues the victim's notice, all in
one transaction. A refused action raises RecordingRefused and changes nothing.
"""

import datetime
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.areas.models import Area, Borough, Force
from victimsrights.audit import services as audit
from victimsrights.cases.models import OutcomeType
from victimsrights.notify.models import DeliveryKind
from victimsrights.notify.services import delivery_create
from victimsrights.recording import crime_numbers, offence_codes
from victimsrights.recording.models import (
    Appeal,
    AppealStatus,
    CancellationGround,
    Crime,
    CrimeNumberSequence,
    HistoryEvent,
    OffenceClassification,
    Refusal,
    RefusalReason,
)
from victimsrights.recording.offence_codes import OFFENCES_FIXTURE
from victimsrights.recording.selectors import reports_in_scope
from victimsrights.reporting.models import Report, ReportStatus
from victimsrights.reporting.services import records_report_create, records_reports_create


class RecordingRefused(Exception):
    """An action that cannot be taken; the message is shown to the user as it is."""


@transaction.atomic
def offences_load(*, path: Path = OFFENCES_FIXTURE) -> int:
    """Load the offence list; codes no longer in it stay (crimes keep them) but are no longer offered."""
    return len(offence_codes.offences_into(OffenceClassification, path))


def offences_load_file(path: Path = OFFENCES_FIXTURE) -> int:
    return offences_load(path=path)


def _lock_report(*, report_id: int, actor: StaffUser) -> Report:
    report = (
        reports_in_scope(user=actor)
        .select_for_update(of=("self",))
        .select_related("area", "force")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        raise RecordingRefused("You cannot make decisions on this report.")
    return report


def report_open(*, report_id: int, actor: StaffUser) -> Report | None:
    """Open a report for a recording decision: in scope only, and the read is audited."""
    report = (
        reports_in_scope(user=actor)
        .select_related("area", "force", "borough", "contact", "safe_place")
        .filter(pk=report_id)
        .first()
    )
    if report is not None:
        audit.record(actor=actor, action="report.view", subject=report, reason="recording decision")
    return report


def _history(report: Report, actor: StaffUser | None, what: str, actor_label: str = "") -> None:
    HistoryEvent.objects.create(
        report=report,
        at=timezone.now(),
        actor=actor,
        actor_label=actor_label or (actor.get_full_name() if actor else "system"),
        what=what,
    )


def _allocate_crime(
    *, report: Report, classification: OffenceClassification, actor: StaffUser, flags: frozenset[str] = frozenset()
) -> Crime:
    """Record the crime and open its case; the crime number comes last (see `_number_crime`)."""
    now = timezone.now()
    team = f"{report.area.name} Basic Command Unit" if report.area else report.force.name
    crime = Crime.objects.create(
        report=report,
        crime_number=f"pending-{uuid.uuid4().hex}",  # never committed: numbered below, in the same transaction
        classification=classification,
        recorded_at=now,
        recorded_by=actor,
        recorded_by_team=team,
        domestic_abuse="domestic_abuse" in flags,
        hate_crime="hate_crime" in flags,
    )
    from victimsrights.cases.services import case_open  # the case app builds on recording

    case_open(crime=crime)
    report.status = ReportStatus.RECORDED
    report.first_decided_at = report.first_decided_at or now
    report.save(update_fields=["status", "first_decided_at"])
    delivery_create(report=report, kind=DeliveryKind.RECORDED)
    _number_crime(crime, force=report.force, year=timezone.localdate(now).year)
    return crime


def _number_crime(crime: Crime, *, force: Force, year: int) -> None:
    """The force's next crime number, without gaps. The force's counter stays locked until the transaction commits,
    so it is taken as late as possible: every other write of the recording is done before it."""
    sequence, _ = CrimeNumberSequence.objects.select_for_update().get_or_create(force=force, year=year)
    sequence.last_value += 1
    # Nobody else writes in this range, but a number already taken is skipped rather than failing the recording.
    while Crime.objects.filter(crime_number=crime_numbers.service_number(force, year, sequence.last_value)).exists():
        sequence.last_value += 1
    sequence.save(update_fields=["last_value"])
    crime.crime_number = crime_numbers.service_number(force, year, sequence.last_value)
    crime.save(update_fields=["crime_number"])


@transaction.atomic
def crime_record(
    *, report_id: int, classification: OffenceClassification, actor: StaffUser, flags: frozenset[str] = frozenset()
) -> Crime:
    """Record the report as a crime, with its Home Office crime flags. Two officers pressing at once get one number."""
    report = _lock_report(report_id=report_id, actor=actor)
    if report.status != ReportStatus.RECEIVED:
        raise RecordingRefused(f"This report has already been decided: {report.get_status_display().lower()}.")
    if not classification.recordable:
        raise RecordingRefused("This classification is not recorded by the force. For fraud, Action Fraud records it.")
    crime = _allocate_crime(report=report, classification=classification, actor=actor, flags=flags)
    _history(report, actor, f"Recorded as {classification.description} ({classification.code}), {crime.crime_number}")
    audit.record(
        actor=actor,
        action="crime.record",
        subject=report,
        detail={"crime_number": crime.crime_number, "classification": classification.code, "flags": sorted(flags)},
    )
    return crime


def crime_from_records(
    *,
    force: Force,
    area: Area,
    borough: Borough | None,
    classification: OffenceClassification,
    crime_number: str,
    recorded_at: datetime.datetime,
    actor_label: str,
) -> Crime:
    """A crime the force recorded in its own records system (e.g. a historical import). Call in a transaction.

    The victim is not in the service, so no notice is sent and the case runs no Victims' Code duties here.
    """
    from victimsrights.cases.services import case_open

    problem = crime_numbers.records_system_problem(force, crime_number)
    if problem:
        raise RecordingRefused(problem)
    report = records_report_create(force=force, area=area, borough=borough, received_at=recorded_at)
    crime = Crime.objects.create(
        report=report,
        crime_number=crime_number,
        classification=classification,
        recorded_at=recorded_at,
        recorded_by=None,
        recorded_by_team=actor_label,
    )
    case_open(crime=crime, records_only=True)
    _history(report, None, _recorded_as(crime), actor_label)
    return crime


@dataclass(frozen=True)
class RecordsOutcome:
    """A crime's outcome in the force's records: a Home Office outcome type, or the category police.uk publishes
    where one category stands for several types."""

    at: datetime.datetime
    outcome_type: OutcomeType | None = None
    category: str = ""


@dataclass(frozen=True)
class RecordsCrime:
    """One crime from a force's records, checked, for `crimes_from_records`."""

    area: Area
    borough: Borough | None
    classification: OffenceClassification
    crime_number: str
    recorded_at: datetime.datetime
    outcome: RecordsOutcome | None = None


def crimes_from_records(*, force: Force, crimes: list[RecordsCrime], actor_label: str) -> list[Crime]:
    """`crime_from_records` (and the outcome, if it is known) for many crimes at once: the same rows in a few
    statements, for a historical import. Call in a transaction."""
    from victimsrights.cases.services import records_cases_open

    for crime in crimes:
        problem = crime_numbers.records_system_problem(force, crime.crime_number)
        if problem:
            raise RecordingRefused(problem)
    reports = records_reports_create(
        force=force, reports=[(crime.area, crime.borough, crime.recorded_at) for crime in crimes]
    )
    recorded = Crime.objects.bulk_create(
        Crime(
            report=report,
            crime_number=crime.crime_number,
            classification=crime.classification,
            recorded_at=crime.recorded_at,
            recorded_by=None,
            recorded_by_team=actor_label,
        )
        for report, crime in zip(reports, crimes, strict=True)
    )
    records_cases_open(recorded, outcomes=[crime.outcome for crime in crimes], actor_label=actor_label)
    now = timezone.now()
    HistoryEvent.objects.bulk_create(
        HistoryEvent(report=report, at=now, actor=None, actor_label=actor_label, what=_recorded_as(crime))
        for report, crime in zip(reports, crimes, strict=True)
    )
    return recorded


def _recorded_as(crime: RecordsCrime | Crime) -> str:
    return f"Recorded as {crime.classification.description} ({crime.classification.code}), {crime.crime_number}"


@transaction.atomic
def report_decline(
    *, report_id: int, reason: RefusalReason, explanation: str, actor: StaffUser, rape_reported: bool = False
) -> Refusal:
    """Not recorded as a crime, with the reasons the victim is given; a reported rape keeps an N100 record."""
    report = _lock_report(report_id=report_id, actor=actor)
    if report.status != ReportStatus.RECEIVED:
        raise RecordingRefused(f"This report has already been decided: {report.get_status_display().lower()}.")
    refusal = Refusal.objects.create(
        report=report,
        reason=reason,
        explanation=explanation,
        decided_at=timezone.now(),
        decided_by=actor,
        n100=rape_reported,
    )
    report.status = ReportStatus.DECLINED
    report.first_decided_at = refusal.decided_at
    report.save(update_fields=["status", "first_decided_at"])
    _history(report, actor, f"Not recorded: {RefusalReason(reason).label}")
    audit.record(actor=actor, action="report.decline", subject=report, detail={"reason": reason})
    delivery_create(report=report, kind=DeliveryKind.DECLINED)
    return refusal


@transaction.atomic
def appeal_submit(*, report_id: int, reasons: str, made_by: str, actor: StaffUser | None = None) -> Appeal:
    """The victim's (or their safe place's) appeal against a refusal. One appeal per report."""
    report = Report.objects.select_for_update().get(pk=report_id)
    if report.status != ReportStatus.DECLINED:
        raise RecordingRefused(gettext("You can only appeal when we have decided not to record a report."))
    if Appeal.objects.filter(report=report).exists():
        raise RecordingRefused(gettext("You have already appealed this decision. The crime registrar will reply."))
    refusal = report.refusals.order_by("-decided_at").first()
    assert refusal is not None
    appeal = Appeal.objects.create(
        report=report, refusal=refusal, reasons=reasons, made_by=made_by, submitted_at=timezone.now()
    )
    _history(report, actor, "Appeal made against the decision not to record", actor_label=made_by)
    audit.record(actor=actor, actor_label=made_by, action="appeal.submit", subject=report)
    return appeal


@transaction.atomic
def appeal_decide(
    *,
    appeal_id: int,
    overturn: bool,
    reasons: str,
    actor: StaffUser,
    classification: OffenceClassification | None = None,
) -> Appeal:
    """The crime registrar upholds the refusal, or overturns it and orders the crime recorded."""
    if actor.role != Role.CRIME_REGISTRAR:
        raise RecordingRefused("Only the crime registrar can decide appeals.")
    appeal = Appeal.objects.select_for_update().select_related("report").filter(pk=appeal_id).first()
    if appeal is None or appeal.report.force_id != actor.force_id:
        raise RecordingRefused("You cannot decide this appeal.")
    if appeal.status != AppealStatus.PENDING:
        raise RecordingRefused("This appeal has already been decided.")
    report = _lock_report(report_id=appeal.report_id, actor=actor)
    appeal.decided_at = timezone.now()
    appeal.decided_by = actor
    appeal.decision_reasons = reasons
    if overturn:
        if classification is None:
            raise RecordingRefused("Choose how the crime should be classified.")
        appeal.status = AppealStatus.OVERTURNED
        appeal.save(update_fields=["status", "decided_at", "decided_by", "decision_reasons"])
        crime = _allocate_crime(report=report, classification=classification, actor=actor)
        _history(report, actor, f"Appeal upheld by the crime registrar: recorded as {crime.crime_number}")
        detail = {"outcome": "overturned", "crime_number": crime.crime_number}
    else:
        appeal.status = AppealStatus.UPHELD
        appeal.save(update_fields=["status", "decided_at", "decided_by", "decision_reasons"])
        _history(report, actor, "Appeal refused by the crime registrar: the report stays not recorded")
        delivery_create(report=report, kind=DeliveryKind.APPEAL_UPHELD)
        detail = {"outcome": "upheld"}
    audit.record(actor=actor, action="appeal.decide", subject=report, detail=detail)
    return appeal


@transaction.atomic
def crime_cancel(*, crime_id: int, ground: CancellationGround, information: str, actor: StaffUser) -> Crime:
    """Only the registrar, on one of the Counting Rules' four grounds, with what shows it written down."""
    if actor.role != Role.CRIME_REGISTRAR:
        raise RecordingRefused("Only the crime registrar can cancel a crime record.")
    crime = Crime.objects.select_for_update().select_related("report").filter(pk=crime_id).first()
    if crime is None or crime.report.force_id != actor.force_id:
        raise RecordingRefused("You cannot cancel this crime record.")
    if crime.cancelled_at is not None:
        raise RecordingRefused("This crime record has already been cancelled.")
    if ground not in CancellationGround.values:
        raise RecordingRefused("Choose the ground for cancelling the record.")
    if not information.strip():
        raise RecordingRefused("Write down what shows the ground applies.")
    crime.cancelled_at = timezone.now()
    crime.cancelled_by = actor
    crime.cancellation_ground = ground
    crime.cancellation_information = information
    crime.save(update_fields=["cancelled_at", "cancelled_by", "cancellation_ground", "cancellation_information"])
    report = crime.report
    report.status = ReportStatus.CANCELLED
    report.save(update_fields=["status"])
    _history(report, actor, f"Crime record {crime.crime_number} cancelled by the crime registrar")
    audit.record(
        actor=actor,
        action="crime.cancel",
        subject=report,
        detail={"crime_number": crime.crime_number, "ground": ground},
    )
    delivery_create(report=report, kind=DeliveryKind.CANCELLED)
    return crime

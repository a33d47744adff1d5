"""A fixture of known records whose plan figures are worked out by hand in the tests.

Records are made through the report service, then their times are set exactly, so that each
figure sits on a boundary: 24 hours to the second, the London new year, a duty met on its last day.
Everything is in Central North (Camden and Islington) unless it says South (Croydon).
"""

import datetime
from dataclasses import dataclass

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.areas.models import SafePlaceKind, SafePlaceOrganisation
from victimsrights.cases.models import Case, CaseStatus, Message, OutcomeType
from victimsrights.complaints.models import Complaint, ComplaintStatus
from victimsrights.compliance.models import CaseDuty, Duty
from victimsrights.notify.models import Delivery, DeliveryStatus
from victimsrights.recording.models import Appeal, AppealStatus, Crime, OffenceClassification, Refusal
from victimsrights.reporting.models import Channel, Report
from victimsrights.reporting.tests.factories import submitted_report
from victimsrights.reviews.models import Footing, ReviewRequest, ReviewStatus

UTC = datetime.UTC
NOW = datetime.datetime(2026, 11, 24, 12, 0, tzinfo=UTC)  # a Tuesday; London is on GMT
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=UTC)


@dataclass
class Known:
    a: Report
    b: Report
    c: Report
    h: Report
    x: Report
    officer: StaffUser


def _report(
    seed: int, borough: str, received: datetime.datetime, decided: datetime.datetime | None, **fields: object
) -> Report:
    report = submitted_report(borough=borough, seed=seed)
    Report.objects.filter(pk=report.pk).update(received_at=received, first_decided_at=decided, **fields)
    report.refresh_from_db()
    return report


def _case(
    report: Report, officer: StaffUser, outcome: int | None = None, outcome_at: datetime.datetime | None = None
) -> Case:
    crime = Crime.objects.create(
        report=report,
        crime_number=f"TEST/{report.pk}",
        classification=OffenceClassification.objects.get(code="39"),
        recorded_at=report.first_decided_at,
        recorded_by=officer,
        recorded_by_team="Test",
    )
    return Case.objects.create(
        crime=crime,
        area_id=report.area_id,
        status=CaseStatus.CLOSED if outcome else CaseStatus.INVESTIGATING,
        outcome=OutcomeType.objects.get(code=outcome) if outcome else None,
        outcome_at=outcome_at,
    )


def known_records() -> Known:
    officer = staff(Role.RECORDING_OFFICER, username="figures.recorder")
    sarc = SafePlaceOrganisation.objects.create(
        name="Test SARC", kind=SafePlaceKind.SARC, contact_email="s@example.org"
    )

    # Reports. A is decided at 24 hours exactly (within); B one second later (past); D has waited 25 hours
    # (past), E one hour (not yet past); F is the last second of 2025; H the first second of 2026.
    a = _report(1, "Camden", at(2026, 3, 2, 10), at(2026, 3, 3, 10))
    b = _report(2, "Camden", at(2026, 3, 3, 10), at(2026, 3, 4, 10, 0, 1), channel=Channel.SAFE_PLACE, safe_place=sarc)
    c = _report(3, "Islington", at(2026, 6, 1, 9), at(2026, 6, 1, 11), channel=Channel.STATION)
    _report(4, "Islington", at(2026, 11, 23, 11), None)
    _report(5, "Islington", at(2026, 11, 24, 11), None)
    f = _report(6, "Camden", at(2025, 12, 31, 23, 59, 59), at(2026, 1, 1, 0, 59, 59))
    h = _report(7, "Camden", at(2026, 1, 1), at(2026, 1, 2, 6))
    x = _report(8, "Croydon", at(2026, 5, 5, 9), at(2026, 5, 5, 10))

    # Refusals and appeals: C refused and recorded on appeal; F refused on New Year's Day, appeal waiting.
    refusal_c = Refusal.objects.create(
        report=c, reason="incident", explanation="-", decided_at=at(2026, 6, 1, 11), decided_by=officer
    )
    Appeal.objects.create(
        report=c,
        refusal=refusal_c,
        reasons="-",
        made_by="victim",
        submitted_at=at(2026, 6, 5),
        status=AppealStatus.OVERTURNED,
        decided_at=at(2026, 6, 6),
        decided_by=officer,
    )
    refusal_f = Refusal.objects.create(
        report=f, reason="incident", explanation="-", decided_at=f.first_decided_at, decided_by=officer
    )
    Appeal.objects.create(report=f, refusal=refusal_f, reasons="-", made_by="victim", submitted_at=at(2026, 1, 2))

    # Cases: A (no further action, cancelled later), B (charged), H (no further action).
    case_a = _case(a, officer, 15, at(2026, 4, 1))
    Crime.objects.filter(pk=case_a.crime.pk).update(cancelled_at=at(2026, 7, 1))
    _case(b, officer, 1, at(2026, 5, 1))
    case_h = _case(h, officer, 15, at(2026, 2, 1))

    # Reviews: A overturned after 10 days, H upheld after 4 (London's extension only), A again asked and waiting to be
    # accepted, H's CPS decision passed to the CPS.
    no_charge = OutcomeType.objects.get(code=15)
    review = {"outcome": no_charge, "deadline": datetime.date(2026, 7, 1)}
    ReviewRequest.objects.create(
        case=case_a,
        decision_at=at(2026, 4, 1),
        requested_at=at(2026, 4, 10, 9),
        status=ReviewStatus.OVERTURNED,
        decided_at=at(2026, 4, 20, 9),
        **review,
    )
    ReviewRequest.objects.create(
        case=case_h,
        decision_at=at(2026, 2, 1),
        requested_at=at(2026, 2, 2, 9),
        status=ReviewStatus.UPHELD,
        decided_at=at(2026, 2, 6, 9),
        footing=Footing.LONDON,
        **review,
    )
    ReviewRequest.objects.create(  # a CPS decision: passed to the CPS, not reviewed by the police
        case=case_h,
        decision_at=at(2026, 5, 1),
        requested_at=at(2026, 5, 5, 9),
        status=ReviewStatus.WITH_CPS,
        footing=Footing.CPS,
        **{**review, "outcome": OutcomeType.objects.get(code=9)},
    )
    ReviewRequest.objects.create(
        case=case_a,
        decision_at=at(2026, 9, 1),
        requested_at=at(2026, 11, 1),
        status=ReviewStatus.AWAITING_ACCEPTANCE,
        late=True,
        **review,
    )

    # Duties on A: met on the last day, met a day late, overdue, due today, and one from 2025.
    def duty(code: str, enhanced: bool, due: datetime.date, met: datetime.date | None) -> None:
        CaseDuty.objects.create(
            case=case_a,
            duty=Duty.objects.get(code=code),
            triggered_at=at(2026, 1, 1),
            enhanced=enhanced,
            due_on=due,
            fulfilled_on=met,
            fulfilled_at=None if met is None else at(met.year, met.month, met.day, 12),
        )

    duty("acknowledge", False, datetime.date(2026, 3, 9), datetime.date(2026, 3, 9))
    duty("needs-assessment", False, datetime.date(2026, 3, 9), datetime.date(2026, 3, 10))
    duty("tell-no-charge", True, datetime.date(2026, 4, 2), None)
    duty("tell-closed", True, datetime.date(2026, 11, 24), None)
    duty("acknowledge", False, datetime.date(2025, 12, 31), datetime.date(2025, 12, 30))

    # Messages on A: answered after 3 hours and after 24 hours, one waiting, and the officer's own.
    for sent, answered in [
        (at(2026, 3, 5, 10), at(2026, 3, 5, 13)),
        (at(2026, 3, 6, 10), at(2026, 3, 7, 10)),
        (at(2026, 3, 8), None),
    ]:
        Message.objects.create(case=case_a, from_victim=True, body="-", sent_at=sent, answered_at=answered)
    Message.objects.create(case=case_a, from_victim=False, body="-", sent_at=at(2026, 3, 5, 13))

    # Complaints on B: upheld by the force; not upheld, escalated and upheld by the commissioner;
    # one made in 2025 and upheld in 2026. One in South.
    target = datetime.date(2026, 12, 31)
    Complaint.objects.create(
        report=b,
        made_at=at(2026, 5, 10),
        what_went_wrong="-",
        target_on=target,
        status=ComplaintStatus.ANSWERED,
        answered_at=at(2026, 5, 20),
        upheld=True,
    )
    Complaint.objects.create(
        report=b,
        made_at=at(2026, 6, 10),
        what_went_wrong="-",
        target_on=target,
        status=ComplaintStatus.CONCLUDED,
        answered_at=at(2026, 6, 20),
        upheld=False,
        escalated_at=at(2026, 6, 25),
        concluded_at=at(2026, 7, 1),
        commissioner_upheld=True,
    )
    Complaint.objects.create(
        report=b,
        made_at=at(2025, 12, 30),
        what_went_wrong="-",
        target_on=target,
        status=ComplaintStatus.ANSWERED,
        answered_at=at(2026, 1, 5),
        upheld=True,
    )
    Complaint.objects.create(report=x, made_at=at(2026, 5, 6), what_went_wrong="-", target_on=target)

    # Alerts on A: two emails and a text sent; a failed email and a text waiting are not counted. One in South.
    for channel, status, sent in [
        ("email", DeliveryStatus.SENT, at(2026, 3, 1)),
        ("email", DeliveryStatus.SENT, at(2026, 4, 1)),
        ("text", DeliveryStatus.SENT, at(2026, 4, 2)),
        ("email", DeliveryStatus.FAILED, None),
        ("text", DeliveryStatus.PENDING, None),
    ]:
        Delivery.objects.create(
            kind="alert", report=a, channel=channel, status=status, not_before=at(2026, 3, 1), sent_at=sent
        )
    Delivery.objects.create(
        kind="alert",
        report=x,
        channel="email",
        status=DeliveryStatus.SENT,
        not_before=at(2026, 5, 5),
        sent_at=at(2026, 5, 5),
    )
    return Known(a=a, b=b, c=c, h=h, x=x, officer=officer)

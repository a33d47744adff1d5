import datetime
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Count, Q, QuerySet

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.audit.models import AuditEntry
from victimsrights.compliance.working_days import LONDON
from victimsrights.feedback.models import FeedbackResponse
from victimsrights.feedback.services import pseudonymised
from victimsrights.oversight.models import Recommendation, Sample, SampledRecord
from victimsrights.reporting.models import Report

REPORT_SUBJECT = "reporting.report"
STAFF_SUBJECT = "accounts.staffuser"


def audit_entries(*, filters: dict[str, Any]) -> QuerySet[AuditEntry]:
    """Newest first, narrowed by the commissioner's filters."""
    entries = AuditEntry.objects.order_by("-id")
    if filters.get("actor"):
        entries = entries.filter(actor__username=filters["actor"])
    if filters.get("action"):
        entries = entries.filter(action=filters["action"])
    if filters.get("reference"):
        report_id = Report.objects.filter(reference=filters["reference"].strip().upper()).values("pk").first()
        entries = entries.filter(subject_type=REPORT_SUBJECT, subject_id=str(report_id["pk"] if report_id else ""))
    if filters.get("since"):
        entries = entries.filter(at__gte=datetime.datetime.combine(filters["since"], datetime.time(), LONDON))
    if filters.get("until"):
        next_day = filters["until"] + datetime.timedelta(days=1)
        entries = entries.filter(at__lt=datetime.datetime.combine(next_day, datetime.time(), LONDON))
    return entries


@dataclass(frozen=True)
class KeysetPage:
    """One page of a newest-first list, found by id rather than counted and offset, so every page of a log of
    millions costs the same: `older_than` and `newer_than` are the ids the links carry."""

    entries: list[AuditEntry]
    older_than: int | None
    newer_than: int | None


def keyset_page(
    entries: QuerySet[AuditEntry], *, older_than: int | None, newer_than: int | None, size: int
) -> KeysetPage:
    if newer_than is not None:
        rows = list(entries.filter(id__gt=newer_than).order_by("id")[: size + 1])
        more_newer = len(rows) > size
        rows = rows[:size][::-1]
        more_older = bool(rows) and entries.filter(id__lt=rows[-1].id).exists()
    else:
        narrowed = entries.filter(id__lt=older_than) if older_than is not None else entries
        rows = list(narrowed.order_by("-id")[: size + 1])
        more_older = len(rows) > size
        rows = rows[:size]
        more_newer = bool(rows) and entries.filter(id__gt=rows[0].id).exists()
    return KeysetPage(rows, rows[-1].id if rows and more_older else None, rows[0].id if rows and more_newer else None)


def report_references(entries: list[AuditEntry]) -> list[tuple[AuditEntry, str]]:
    """Each entry with the record it is about in words: a report's reference, a staff account's username
    (one query each), or the kind of record and its number; never its contents."""
    ids = {entry.subject_id for entry in entries if entry.subject_type == REPORT_SUBJECT}
    references = {
        str(pk): f"Report {reference}"
        for pk, reference in Report.objects.filter(pk__in=ids).values_list("pk", "reference")
    }
    staff_ids = {entry.subject_id for entry in entries if entry.subject_type == STAFF_SUBJECT}
    usernames = {
        str(pk): f"Staff account {username}"
        for pk, username in StaffUser.objects.filter(pk__in=staff_ids).values_list("pk", "username")
    }
    named = {REPORT_SUBJECT: references, STAFF_SUBJECT: usernames}
    return [
        (entry, named.get(entry.subject_type, {}).get(entry.subject_id) or _record_words(entry)) for entry in entries
    ]


# Entries written before a model moved app keep its old label (the chain forbids rewriting them).
MOVED_MODELS = {
    "reporting.sealedrecord": "sealedrecords.sealedrecord",
    "accounts.victimaccesscode": "portal.victimaccesscode",
}


def _record_words(entry: AuditEntry) -> str:
    """`plans.plan` 7 reads "Plan 7": the model's own name, not its table's."""
    if not entry.subject_type:
        return ""
    try:
        name = str(apps.get_model(MOVED_MODELS.get(entry.subject_type, entry.subject_type))._meta.verbose_name)
    except (LookupError, ValueError):
        name = entry.subject_type
    return f"{name[0].upper()}{name[1:]} {entry.subject_id}".strip()


@dataclass(frozen=True)
class PseudonymisedRecord:
    """What an inspector needs to judge a decision, and nothing that identifies the victim.

    Names, contact details, addresses and all free text (the account, explanations, updates) are withheld.
    """

    record: SampledRecord
    borough: str
    received: str
    channel: str
    offence: str
    hours_to_decide: float | None
    refusal_reasons: list[str]
    appeal: str
    outcome: str
    review: str
    enhanced_rights: str
    duties: dict[str, int] = field(default_factory=dict)


def _label(value: Any) -> str:
    return str(value) if value else ""


def sample_records(*, sample: Sample) -> list[PseudonymisedRecord]:
    records = sample.records.select_related(
        "report__borough",
        "report__safe_place",
        "report__crime__classification",
        "report__crime__case__outcome",
        "report__appeal",
    ).prefetch_related("report__refusals", "report__crime__case__duties", "report__crime__case__reviews")
    rows = []
    for record in records:
        report = record.report
        crime = getattr(report, "crime", None)
        case = getattr(crime, "case", None) if crime else None
        appeal = getattr(report, "appeal", None)
        decided = report.first_decided_at
        duties = list(case.duties.all()) if case else []
        reviews = list(case.reviews.all()) if case else []
        rows.append(
            PseudonymisedRecord(
                record=record,
                borough=_label(report.borough) or "Not known",
                received=f"{report.received_at.astimezone(LONDON):%B %Y}",
                channel=report.safe_place.get_kind_display() if report.safe_place else report.get_channel_display(),
                offence=crime.classification.description if crime else "Not recorded",
                hours_to_decide=round((decided - report.received_at).total_seconds() / 3600, 1) if decided else None,
                refusal_reasons=[refusal.get_reason_display() for refusal in report.refusals.all()],
                appeal=appeal.get_status_display() if appeal else "",
                outcome=str(case.outcome) if case and case.outcome else "",
                review=reviews[-1].get_status_display() if reviews else "",
                enhanced_rights=case.get_enhanced_reason_display() if case and case.enhanced_rights else "",
                duties={
                    "met on time": sum(1 for d in duties if d.met_on_time),
                    "met late": sum(1 for d in duties if d.fulfilled_at and not d.met_on_time),
                    "still open": sum(1 for d in duties if d.is_open),
                },
            )
        )
    return rows


def findings_by_area() -> QuerySet[Any]:
    """The commissioner's findings rolled up per area."""
    return (
        SampledRecord.objects.filter(found_at__isnull=False)
        .values("sample__area__name")
        .annotate(
            inspected=Count("id"),
            sound=Count("id", filter=Q(decision_sound=True)),
            not_sound=Count("id", filter=Q(decision_sound=False)),
        )
        .order_by("sample__area__name")
    )


def recommendations_for(*, user: StaffUser) -> QuerySet[Recommendation]:
    """The commissioner sees every area's; an area commander their own area's; nobody else any."""
    recommendations = Recommendation.objects.select_related("area", "responded_by")
    if user.role == Role.VICTIMS_COMMISSIONER:
        return recommendations.all()
    if user.role == Role.AREA_COMMANDER and user.area_id:
        return recommendations.filter(area_id=user.area_id)
    return recommendations.none()


def feedback_words_by_area(*, year: int) -> list[tuple[str, list[str]]]:
    """Each area's written feedback for the year, pseudonymised; in the order of the responses' random ids."""
    by_area: dict[str, list[str]] = {}
    rows = FeedbackResponse.objects.filter(month__year=year).select_related("area")
    for response in rows.order_by("id"):
        if not response.in_own_words:  # encrypted: empty answers are left out here, not in SQL
            continue
        area = response.area.name if response.area else "Area not known"
        by_area.setdefault(area, []).append(pseudonymised(response.in_own_words))
    return sorted(by_area.items())

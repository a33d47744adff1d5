import datetime
from typing import Any

from django.db.models import QuerySet

from victimsrights.audit.models import AuditEntry
from victimsrights.compliance.working_days import LONDON
from victimsrights.reporting.models import Report

REPORT_SUBJECT = "reporting.report"


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


def report_references(entries: list[AuditEntry]) -> list[tuple[AuditEntry, str]]:
    """Each entry with the record it is about: a report's reference (one query), never its contents."""
    ids = {entry.subject_id for entry in entries if entry.subject_type == REPORT_SUBJECT}
    references = {
        str(pk): reference for pk, reference in Report.objects.filter(pk__in=ids).values_list("pk", "reference")
    }
    return [
        (entry, references.get(entry.subject_id, "") if entry.subject_type == REPORT_SUBJECT else "")
        for entry in entries
    ]

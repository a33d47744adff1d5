import datetime
from dataclasses import dataclass

from django.contrib.sessions.backends.base import SessionBase

from victimsrights.cases.models import Case
from victimsrights.portal.session_keys import SESSION_VICTIM_REPORT
from victimsrights.recording.models import Crime, Refusal
from victimsrights.reporting.models import Report


def report_for_victim(*, session: SessionBase) -> Report | None:
    """Only the report this session signed in to."""
    report_id = session.get(SESSION_VICTIM_REPORT)
    if not report_id:
        return None
    return Report.objects.select_related("area", "force", "crime__classification").filter(pk=report_id).first()


@dataclass(frozen=True)
class Milestone:
    title: str
    at: datetime.datetime
    text: str


def victim_timeline(*, report: Report, case: Case | None, refusal: Refusal | None, limit: int = 100) -> list[Milestone]:
    """What has happened, newest first: the report's own milestones (received, recorded or not, with the latest
    refusal the page has already read) and what the officers published on the case."""
    crime: Crime | None = getattr(report, "crime", None)
    received = f"{report.safe_place} reported it for you." if report.safe_place_id else "We received your report."
    milestones = [Milestone("Report received", report.received_at, received)]
    if crime is not None:
        milestones.append(
            Milestone("Recorded as a crime", crime.recorded_at, f"Your crime number is {crime.crime_number}.")
        )
        if crime.cancelled_at:
            milestones.append(
                Milestone("Crime record cancelled", crime.cancelled_at, "The crime record was cancelled.")
            )
    if refusal is not None:
        milestones.append(Milestone("Not recorded as a crime", refusal.decided_at, f"{refusal.get_reason_display()}."))
    if case is not None:
        milestones += [Milestone(event.title, event.at, event.text) for event in case.timeline.all()[:limit]]
    return sorted(milestones, key=lambda milestone: milestone.at, reverse=True)

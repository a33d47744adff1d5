import datetime
from dataclasses import dataclass

from django.contrib.sessions.backends.base import SessionBase
from django.utils.translation import gettext

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
    received = (
        gettext("{organisation} reported it for you.").format(organisation=report.safe_place)
        if report.safe_place_id
        else gettext("We received your report.")
    )
    milestones = [Milestone(gettext("Report received"), report.received_at, received)]
    if crime is not None:
        milestones.append(
            Milestone(
                gettext("Recorded as a crime"),
                crime.recorded_at,
                gettext("Your crime number is {crime_number}.").format(crime_number=crime.crime_number),
            )
        )
        if crime.cancelled_at:
            milestones.append(
                Milestone(
                    gettext("Crime record cancelled"), crime.cancelled_at, gettext("The crime record was cancelled.")
                )
            )
    if refusal is not None:
        reason = gettext("{reason}.").format(reason=refusal.get_reason_display())
        milestones.append(Milestone(gettext("Not recorded as a crime"), refusal.decided_at, reason))
    if case is not None:
        milestones += [Milestone(event.title, event.at, event.text) for event in case.timeline.all()[:limit]]
    return sorted(milestones, key=lambda milestone: milestone.at, reverse=True)

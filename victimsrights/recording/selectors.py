"""Reads for the recording queue, scoped to what the user may see."""

import datetime

from django.db.models import QuerySet

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.recording.clock import RECORDING_WINDOW
from victimsrights.recording.models import Appeal, AppealStatus, Crime, OffenceClassification
from victimsrights.reporting.models import Report, ReportStatus


def reports_in_scope(*, user: StaffUser) -> QuerySet[Report]:
    """Recording officers see their own area; the crime registrar sees the whole force."""
    if user.role == Role.CRIME_REGISTRAR and user.force_id:
        return Report.objects.filter(force_id=user.force_id)
    if user.role == Role.RECORDING_OFFICER and user.area_id:
        return Report.objects.filter(area_id=user.area_id)
    return Report.objects.none()


def queue_for_user(*, user: StaffUser) -> QuerySet[Report]:
    """Open reports, the one closest to its 24-hour deadline first."""
    return (
        reports_in_scope(user=user)
        .filter(status=ReportStatus.RECEIVED)
        .select_related("area", "safe_place")
        .order_by("received_at", "id")
    )


def queue_overdue_count(*, queue: QuerySet[Report], now: datetime.datetime) -> int:
    """How many waiting reports are past the 24-hour deadline: one indexed count, not the plan's four."""
    return queue.order_by().filter(received_at__lte=now - RECORDING_WINDOW).count()


def crime_for_report(*, user: StaffUser, report_id: int) -> Crime | None:
    return Crime.objects.filter(report__in=reports_in_scope(user=user), report_id=report_id).first()


def appeals_in_scope(*, user: StaffUser) -> QuerySet[Appeal]:
    """Appeals are decided by the crime registrar of the report's force."""
    if user.role != Role.CRIME_REGISTRAR or not user.force_id:
        return Appeal.objects.none()
    return Appeal.objects.filter(report__force_id=user.force_id).select_related("report", "refusal")


def appeals_pending(*, user: StaffUser) -> QuerySet[Appeal]:
    return appeals_in_scope(user=user).filter(status=AppealStatus.PENDING).order_by("submitted_at")


def appeal_for_user(*, user: StaffUser, appeal_id: int) -> Appeal | None:
    return appeals_in_scope(user=user).filter(pk=appeal_id).select_related("report__contact").first()


def classification_list() -> QuerySet[OffenceClassification]:
    return OffenceClassification.objects.filter(recordable=True)

from django.db.models import QuerySet

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.complaints.models import Complaint
from victimsrights.reporting.models import Report


def complaints_in_scope(*, user: StaffUser) -> QuerySet[Complaint]:
    """Professional standards see their area's complaints; the commissioner sees those escalated to them."""
    if user.role == Role.PROFESSIONAL_STANDARDS and user.area_id:
        return Complaint.objects.filter(report__area_id=user.area_id)
    if user.role == Role.VICTIMS_COMMISSIONER:
        return Complaint.objects.filter(escalated_at__isnull=False)
    return Complaint.objects.none()


def complaint_queue(*, user: StaffUser) -> QuerySet[Complaint]:
    """Waiting for this user: unanswered for professional standards, escalated for the commissioner."""
    waiting = "escalated" if user.role == Role.VICTIMS_COMMISSIONER else "received"
    return complaints_in_scope(user=user).filter(status=waiting).select_related("report__area").order_by("target_on")


def complaints_of(*, report: Report) -> QuerySet[Complaint]:
    """The victim's own complaints (the caller has checked the report is theirs)."""
    return Complaint.objects.filter(report=report).order_by("-made_at")

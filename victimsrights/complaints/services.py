"""Complaints: the victim complains, the area's professional standards answer, the commissioner hears escalations."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.audit import services as audit
from victimsrights.complaints.models import Complaint, ComplaintStatus
from victimsrights.complaints.selectors import complaints_in_scope
from victimsrights.compliance.working_days import due_on
from victimsrights.notify.services import alert_create
from victimsrights.reporting.models import Report

VICTIM = "the victim, signed in"


class ComplaintRefused(Exception):
    """The action cannot be taken; the message is shown as it is."""


@transaction.atomic
def complaint_make(*, report: Report, what_went_wrong: str) -> Complaint:
    """`report` is the victim's own, from their signed-in session."""
    now = timezone.now()
    if Complaint.objects.filter(report=report, status=ComplaintStatus.RECEIVED).exists():
        raise ComplaintRefused(
            gettext("You already have a complaint waiting for an answer. Add to it by sending a message.")
        )
    complaint = Complaint.objects.create(
        report=report,
        made_at=now,
        what_went_wrong=what_went_wrong,
        target_on=due_on(now, settings.COMPLAINT_ANSWER_WORKING_DAYS),
    )
    audit.record(actor=None, actor_label=VICTIM, action="complaint.make", subject=report)
    return complaint


def complaint_view(*, complaint_id: int, actor: StaffUser) -> Complaint | None:
    complaint = complaints_in_scope(user=actor).select_related("report__area").filter(pk=complaint_id).first()
    if complaint is not None:
        audit.record(actor=actor, action="complaint.view", subject=complaint.report)
    return complaint


def _lock(complaint_id: int, actor: StaffUser) -> Complaint:
    complaint = complaints_in_scope(user=actor).select_for_update().filter(pk=complaint_id).first()
    if complaint is None:
        raise ComplaintRefused("You cannot act on this complaint.")
    return complaint


@transaction.atomic
def complaint_answer(*, complaint_id: int, upheld: bool, answer: str, actor: StaffUser) -> Complaint:
    complaint = _lock(complaint_id, actor)
    if actor.role != Role.PROFESSIONAL_STANDARDS or complaint.status != ComplaintStatus.RECEIVED:
        raise ComplaintRefused("This complaint has already been answered.")
    complaint.status = ComplaintStatus.ANSWERED
    complaint.answered_at = timezone.now()
    complaint.answered_by = actor
    complaint.upheld = upheld
    complaint.answer = answer
    complaint.save()
    alert_create(report=complaint.report)
    audit.record(actor=actor, action="complaint.answer", subject=complaint.report, detail={"upheld": upheld})
    return complaint


@transaction.atomic
def complaint_escalate(*, report: Report, why_not_satisfied: str) -> Complaint:
    """The victim is not satisfied with the answer: it goes to the Victims Commissioner."""
    complaint = (
        Complaint.objects.select_for_update()
        .filter(report=report, status=ComplaintStatus.ANSWERED)
        .order_by("-made_at")
        .first()
    )
    if complaint is None:
        raise ComplaintRefused(gettext("There is no answered complaint to take to the Victims Commissioner."))
    complaint.status = ComplaintStatus.ESCALATED
    complaint.escalated_at = timezone.now()
    complaint.commissioner_target_on = due_on(complaint.escalated_at, settings.COMMISSIONER_ANSWER_WORKING_DAYS)
    complaint.why_not_satisfied = why_not_satisfied
    complaint.save(update_fields=["status", "escalated_at", "commissioner_target_on", "why_not_satisfied"])
    audit.record(actor=None, actor_label=VICTIM, action="complaint.escalate", subject=report)
    return complaint


@transaction.atomic
def complaint_conclude(*, complaint_id: int, upheld: bool, finding: str, actor: StaffUser) -> Complaint:
    complaint = _lock(complaint_id, actor)
    if actor.role != Role.VICTIMS_COMMISSIONER or complaint.status != ComplaintStatus.ESCALATED:
        raise ComplaintRefused("This complaint is not waiting for the commissioner.")
    complaint.status = ComplaintStatus.CONCLUDED
    complaint.concluded_at = timezone.now()
    complaint.commissioner_upheld = upheld
    complaint.commissioner_finding = finding
    complaint.save()
    alert_create(report=complaint.report)
    audit.record(actor=actor, action="complaint.conclude", subject=complaint.report, detail={"upheld": upheld})
    return complaint

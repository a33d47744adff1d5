from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone

from victimsrights.reporting.codes import resume_code_hash
from victimsrights.reporting.models import Draft, Report

SESSION_DRAFT = "report_draft_id"
SESSION_REFERENCE = "report_reference"


def draft_for_session(*, session: SessionBase) -> Draft | None:
    """The victim's own draft: only the one their session holds, and only while it is open."""
    draft_id = session.get(SESSION_DRAFT)
    if not draft_id:
        return None
    return Draft.objects.filter(pk=draft_id, report__isnull=True, expires_at__gt=timezone.now()).first()


def draft_for_resume_code(*, code: str) -> Draft | None:
    return Draft.objects.filter(
        resume_code_hash=resume_code_hash(code), report__isnull=True, expires_at__gt=timezone.now()
    ).first()


def report_for_submission_key(*, submission_key: str) -> Report | None:
    return Report.objects.filter(idempotency_key=submission_key).first()


def report_for_reference(*, reference: str) -> Report | None:
    """The report the session just submitted (its reference is in the session), with how it will be answered."""
    return Report.objects.select_related("contact__via_organisation", "safe_place").filter(reference=reference).first()

from django.contrib.sessions.backends.base import SessionBase

from victimsrights.accounts.victims import SESSION_VICTIM_REPORT
from victimsrights.reporting.models import Report


def report_for_victim(*, session: SessionBase) -> Report | None:
    """Only the report this session signed in to."""
    report_id = session.get(SESSION_VICTIM_REPORT)
    if not report_id:
        return None
    return Report.objects.select_related("area", "force", "crime__classification").filter(pk=report_id).first()

from django.contrib.sessions.backends.base import SessionBase

from victimsrights.audit import services as audit
from victimsrights.portal.selectors import report_for_victim
from victimsrights.reporting.models import Report


def victim_report_open(*, session: SessionBase) -> Report | None:
    """The signed-in victim's own report; the read is audited."""
    report = report_for_victim(session=session)
    if report is not None:
        audit.record(actor=None, actor_label="the victim, signed in", action="report.view", subject=report)
    return report

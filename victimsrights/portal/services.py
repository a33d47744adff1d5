from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction

from victimsrights.audit import services as audit
from victimsrights.cases import services as cases
from victimsrights.cases.models import UpdateFrequency
from victimsrights.portal.selectors import report_for_victim
from victimsrights.reporting import services as reporting
from victimsrights.reporting.models import Report


def victim_report_open(*, session: SessionBase) -> Report | None:
    """The signed-in victim's own report; the read is audited."""
    report = report_for_victim(session=session)
    if report is not None:
        audit.record(actor=None, actor_label="the victim, signed in", action="report.view", subject=report)
    return report


@transaction.atomic
def contact_preferences_save(*, report: Report, answers: dict[str, Any]) -> None:
    """How and when the victim is contacted and, while the case is investigated, how often they are updated and
    whether they now agree to be referred to support."""
    reporting.contact_preferences_update(report=report, answers=answers, alerts_wanted=answers["alerts"] == "yes")
    if answers.get("update_frequency"):
        cases.update_frequency_choose(report=report, frequency=UpdateFrequency(answers["update_frequency"]))
    if answers.get("referral") == "yes":
        cases.support_referral_agree_by_victim(report=report)


@transaction.atomic
def victim_language_choose(*, session: SessionBase, language: str) -> None:
    """A signed-in victim who switches language is written to in it from then on (Victims' Code Right 1)."""
    report = report_for_victim(session=session)
    if report is not None and reporting.report_language_set(report=report, language=language):
        audit.record(
            actor=None,
            actor_label="the victim, signed in",
            action="report.language",
            subject=report,
            detail={"language": language},
        )

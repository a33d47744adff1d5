"""The Right to Review's rules: who reviews a decision, on which footing, and the time limits. Kept apart from the
services so the case app and the portal can quote them. Sources are cited beside each rule; the outcome types'
routes are data (cases/fixtures/outcome_types.json, `review_sources`).
"""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils.translation import gettext

from victimsrights.cases.models import Case, CaseEventKind, CaseStatus, TimelineKind
from victimsrights.compliance.working_days import due_on, london_date
from victimsrights.govuk.formats import date_words
from victimsrights.reviews.models import Footing


def request_deadline(told_at: datetime.datetime) -> datetime.date:
    """The last day to ask without explaining why it is late: 3 months from being told of the decision
    (NPCC scheme, as summarised by Wiltshire OPCC; CPS VRR guidance: 'up to three months from the communication')."""
    return london_date(told_at) + relativedelta(months=settings.REVIEW_REQUEST_MONTHS)


def cps_prompt_request_by(told_at: datetime.datetime) -> datetime.date:
    """CPS VRR guidance: ask ordinarily within 10 working days of being told, for a prompt review."""
    return due_on(told_at, settings.CPS_REVIEW_PROMPT_WORKING_DAYS)


def decision_target(started_at: datetime.datetime) -> datetime.date:
    """NPCC scheme: the review decided and told to the victim within 30 working days of the request."""
    return due_on(started_at, settings.REVIEW_DECISION_WORKING_DAYS)


def review_offer(route: str, told_at: datetime.datetime) -> str:
    """What the victim is told of their right to a review when told of the decision (Victims' Code Right 6)."""
    deadline = request_deadline(told_at)
    if route == "cps":
        return gettext(
            "The Crown Prosecution Service made this decision. You can ask the CPS to review it under its Victims' "
            "Right to Review scheme, on this page. Ask by {prompt_by} if you can, so it can be reviewed quickly, and "
            "at the latest by {deadline}."
        ).format(prompt_by=date_words(cps_prompt_request_by(told_at)), deadline=date_words(deadline))
    return gettext(
        "You can ask for this decision to be reviewed by an officer who did not make it. "
        "Ask by {deadline} on this page. You can still ask after that date if you explain why."
    ).format(deadline=date_words(deadline))


@dataclass(frozen=True)
class Reviewable:
    """A decision the victim may ask to have reviewed: when it was made and told, on which footing, and why."""

    decided_at: datetime.datetime
    told_at: datetime.datetime
    footing: Footing
    why: str  # for LONDON: why the national scheme does not cover it

    @property
    def deadline(self) -> datetime.date:
        return request_deadline(self.told_at)


def _told_at(case: Case, decided_at: datetime.datetime) -> datetime.datetime:
    """When the victim was told of the decision on their page (the first outcome published since it)."""
    told = (
        case.timeline.filter(kind=TimelineKind.OUTCOME, published_at__gte=decided_at)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return told or decided_at


def reviewable(case: Case) -> Reviewable | None:
    """The decision that closed the case, if any scheme reviews it.

    - CPS decisions go to the CPS scheme (outcome types with review_route "cps").
    - A police decision not to charge an identified suspect is reviewable in London (the pledge's extension). It is
      within the national NPCC scheme only when the suspect was interviewed under caution and the outcome is not one
      the scheme leaves out (e.g. the victim did not support action); otherwise it stands on London's extension alone.
    """
    outcome = case.outcome
    if case.status != CaseStatus.CLOSED or outcome is None or case.outcome_at is None:
        return None
    # CPS VRR guidance: a CPS decision to discontinue, or otherwise end all proceedings, after charge.
    stopped = (
        case.events.filter(kind=CaseEventKind.CPS_DISCONTINUED, happened_at__gte=case.outcome_at)
        .order_by("-happened_at")
        .values_list("happened_at", flat=True)
        .first()
    )
    if stopped is not None:
        return Reviewable(stopped, _told_at(case, stopped), Footing.CPS, "")
    if not outcome.review_route:
        return None
    told_at = _told_at(case, case.outcome_at)
    if outcome.review_route == "cps":
        return Reviewable(case.outcome_at, told_at, Footing.CPS, "")
    if outcome.outside_national_scheme:
        return Reviewable(case.outcome_at, told_at, Footing.LONDON, gettext(outcome.outside_national_scheme))
    if not case.events.filter(kind=CaseEventKind.SUSPECT_INTERVIEWED, happened_at__lte=case.outcome_at).exists():
        return Reviewable(case.outcome_at, told_at, Footing.LONDON, gettext("no suspect was interviewed under caution"))
    return Reviewable(case.outcome_at, told_at, Footing.NATIONAL, "")

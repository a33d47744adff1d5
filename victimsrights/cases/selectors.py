from collections.abc import Sequence

from django.db.models import Exists, F, OuterRef, QuerySet, Value
from django.db.models.functions import Concat, Trim
from django.utils import timezone

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.cases.models import Case, CaseEventKind, CaseStatus, Hearing, Message, OutcomeType
from victimsrights.notify.models import Delivery
from victimsrights.reporting.models import Report


def cases_in_scope(*, user: StaffUser) -> QuerySet[Case]:
    """Investigating officers see the cases of their own area (the case's area is its report's)."""
    if user.role != Role.INVESTIGATING_OFFICER or not user.area_id:
        return Case.objects.none()
    return Case.objects.filter(area_id=user.area_id)


def case_list(*, user: StaffUser, limit: int = 200) -> Sequence[Case]:
    """Cases with unanswered victim messages first (oldest message first), then the newest.

    Two reads of one index each, so the page costs the same at a million cases. Records-only crimes
    have no victim here and are left out.
    """
    scope = (
        cases_in_scope(user=user)
        .filter(records_only=False)
        .select_related("crime__report", "crime__classification", "officer", "outcome")
        .annotate(
            message_not_delivered=Exists(Delivery.objects.not_delivered().filter(report=OuterRef("crime__report")))
        )
    )
    waiting = list(scope.filter(unanswered_messages__gt=0).order_by("oldest_unanswered_at", "pk")[:limit])
    newest = scope.filter(unanswered_messages=0).order_by("-pk")[: limit - len(waiting)]
    return [*waiting, *newest]


def outcome_types() -> QuerySet[OutcomeType]:
    return OutcomeType.objects.all()


# Messages shown on a case page (the victim's and the officer's): the newest.
MESSAGES_SHOWN = 50


def staff_name(path: str) -> Trim:
    """A staff member's name, and nothing else of their account, for pages victims see."""
    return Trim(Concat(F(f"{path}__first_name"), Value(" "), F(f"{path}__last_name")))


def case_for_report(*, report: Report) -> Case | None:
    """The case of the victim's own report (the caller has checked the report is theirs), with the officer's name."""
    return (
        Case.objects.select_related("outcome")
        .annotate(officer_name=staff_name("officer"))
        .filter(crime__report=report)
        .first()
    )


def case_messages_newest(*, case: Case) -> list[Message]:
    """The newest messages, oldest first, each with its author's name only (never their account)."""
    newest = case.messages.annotate(author_name=staff_name("author")).order_by("-sent_at", "-id")
    return list(reversed(newest[:MESSAGES_SHOWN]))


def hearings_to_come(*, case: Case) -> QuerySet[Hearing]:
    """Hearings still to happen: none once the case has closed (they were vacated when it did)."""
    if case.status == CaseStatus.CLOSED:
        return case.hearings.none()
    return case.hearings.filter(starts_at__gte=timezone.now(), vacated_at__isnull=True)


def support_referral_agreed(case: Case) -> bool:
    """Victims' Code Right 4: the victim agreed, in the report or later to the officer, to be referred to support."""
    return case.events.filter(kind=CaseEventKind.SUPPORT_REFERRAL_AGREED).exists()


def linked_crime_numbers(*, case: Case) -> list[str]:
    """Crimes reported from sealed records that named the same perpetrator as this one (safe places' matching)."""
    linked = case.crime.report.linked_reports.filter(crime__isnull=False)
    return list(linked.order_by("crime__crime_number").values_list("crime__crime_number", flat=True))

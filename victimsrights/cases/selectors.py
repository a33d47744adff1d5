from collections.abc import Sequence

from django.db.models import Count, DateTimeField, Min, Q, QuerySet, Value

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.cases.models import Case, OutcomeType
from victimsrights.reporting.models import Report


def cases_in_scope(*, user: StaffUser) -> QuerySet[Case]:
    """Investigating officers see the cases of their own area."""
    if user.role != Role.INVESTIGATING_OFFICER or not user.area_id:
        return Case.objects.none()
    return Case.objects.filter(crime__report__area_id=user.area_id)


def case_list(*, user: StaffUser, limit: int = 200) -> Sequence[Case]:
    """Cases with unanswered victim messages first (oldest message first), then the most recently recorded.

    Two small indexed reads rather than one count over every case in the area, so the page costs the
    same at a million cases. Records-only crimes have no victim here and are left out.
    """
    unanswered = Q(messages__from_victim=True, messages__answered_at__isnull=True)
    scope = (
        cases_in_scope(user=user)
        .filter(records_only=False)
        .select_related("crime__report", "crime__classification", "officer", "outcome")
    )
    waiting = list(
        scope.filter(unanswered)
        .annotate(unanswered=Count("messages"), oldest_unanswered=Min("messages__sent_at"))
        .order_by("oldest_unanswered", "pk")[:limit]
    )
    recent = (
        scope.exclude(pk__in=[case.pk for case in waiting])
        .annotate(unanswered=Value(0), oldest_unanswered=Value(None, output_field=DateTimeField()))
        .order_by("-crime__recorded_at", "-pk")[: limit - len(waiting)]
    )
    return [*waiting, *recent]


def outcome_types() -> QuerySet[OutcomeType]:
    return OutcomeType.objects.all()


def case_for_report(*, report: Report) -> Case | None:
    """The case of the victim's own report (the caller has checked the report is theirs)."""
    return Case.objects.select_related("officer", "outcome").filter(crime__report=report).first()

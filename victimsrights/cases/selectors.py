from django.db.models import Count, F, Min, Q, QuerySet

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.cases.models import Case, OutcomeType
from victimsrights.reporting.models import Report


def cases_in_scope(*, user: StaffUser) -> QuerySet[Case]:
    """Investigating officers see the cases of their own area."""
    if user.role != Role.INVESTIGATING_OFFICER or not user.area_id:
        return Case.objects.none()
    return Case.objects.filter(crime__report__area_id=user.area_id)


def case_list(*, user: StaffUser) -> QuerySet[Case]:
    """With the number and age of unanswered victim messages, in one query. Records-only crimes have no victim here."""
    unanswered = Q(messages__from_victim=True, messages__answered_at__isnull=True)
    return (
        cases_in_scope(user=user)
        .filter(records_only=False)
        .select_related("crime__report", "crime__classification", "officer", "outcome")
        .annotate(
            unanswered=Count("messages", filter=unanswered),
            oldest_unanswered=Min("messages__sent_at", filter=unanswered),
        )
        .order_by(F("oldest_unanswered").asc(nulls_last=True), "-crime__recorded_at")
    )


def outcome_types() -> QuerySet[OutcomeType]:
    return OutcomeType.objects.all()


def case_for_report(*, report: Report) -> Case | None:
    """The case of the victim's own report (the caller has checked the report is theirs)."""
    return Case.objects.select_related("officer", "outcome").filter(crime__report=report).first()

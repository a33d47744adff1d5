from django.db.models import F, QuerySet

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.cases.models import Case
from victimsrights.reviews.models import OPEN_REVIEW_STATUSES, ReviewRequest


def reviews_in_scope(*, user: StaffUser) -> QuerySet[ReviewRequest]:
    """Reviewers see the requests of their own area."""
    if user.role != Role.REVIEWER or not user.area_id:
        return ReviewRequest.objects.none()
    return ReviewRequest.objects.filter(case__crime__report__area_id=user.area_id)


def review_queue(*, user: StaffUser) -> QuerySet[ReviewRequest]:
    """Open requests: late ones waiting for acceptance first, then by target date."""
    return (
        reviews_in_scope(user=user)
        .filter(status__in=OPEN_REVIEW_STATUSES)
        .select_related("case__crime__classification", "reviewer", "outcome")
        .order_by(F("target_on").asc(nulls_first=True), "requested_at")
    )


def latest_review(*, case: Case) -> ReviewRequest | None:
    return case.reviews.order_by("-requested_at").first()

"""Right to Review. The reviewer is never the decision-maker nor in their line: the service refuses, not the page."""

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.audit import services as audit
from victimsrights.cases.models import Case, CaseEventKind, TimelineKind
from victimsrights.cases.services import case_event, case_reopen, in_victims_language, publish_to_victim
from victimsrights.compliance.working_days import london_date
from victimsrights.govuk.formats import date_words
from victimsrights.reviews import rules
from victimsrights.reviews.models import OPEN_REVIEW_STATUSES, Footing, ReviewRequest, ReviewStatus
from victimsrights.reviews.rules import decision_target

VICTIM = "the victim, signed in"
NOT_INDEPENDENT = (
    "You made this decision, worked on the investigation, are in the decision-maker's line or do not outrank them."
)


class ReviewRefused(Exception):
    """The action cannot be taken; the message is shown as it is."""


def is_independent(*, reviewer: StaffUser, review: ReviewRequest) -> bool:
    """NPCC scheme (Northumbria Police, 'Victims Right to Review'): an officer at least one rank above the
    decision-maker who has had no involvement in the investigation; and never in the decision-maker's line."""
    if review.case.events.filter(actor=reviewer, happened_at__lte=review.decision_at).exists():
        return False  # took part in the investigation, up to the decision
    maker = review.decision_maker
    if maker is None:
        return True
    if reviewer.rank is None or (maker.rank is not None and reviewer.rank <= maker.rank):
        return False
    return reviewer.pk != maker.pk and reviewer not in maker.line_managers() and maker not in reviewer.line_managers()


def review_eligible(*, case: Case, found: rules.Reviewable | None) -> bool:
    """A scheme reviews the decision that closed the case (`found`, from rules.reviewable), not asked about yet."""
    return found is not None and not case.reviews.filter(decision_at=found.decided_at).exists()


def _independent_reviewer(review: ReviewRequest) -> StaffUser | None:
    """The area's independent reviewer with the fewest open reviews."""
    candidates = (
        StaffUser.objects.filter(role=Role.REVIEWER, is_active=True, area_id=review.case.crime.report.area_id or 0)
        .annotate(open_reviews=Count("reviews", filter=Q(reviews__status__in=OPEN_REVIEW_STATUSES)))
        .select_related("line_manager")
        .order_by("open_reviews", "pk")
    )
    return next((reviewer for reviewer in candidates if is_independent(reviewer=reviewer, review=review)), None)


def _assign(review: ReviewRequest, reviewer: StaffUser, *, actor: StaffUser | None) -> None:
    if not is_independent(reviewer=reviewer, review=review):
        raise ReviewRefused(f"{NOT_INDEPENDENT} Another reviewer must take it.")
    review.reviewer = reviewer
    review.assigned_at = timezone.now()
    review.save(update_fields=["reviewer", "assigned_at"])
    case_event(
        review.case,
        CaseEventKind.REVIEW_ASSIGNED,
        actor=actor,
        actor_label="the service",
        note=reviewer.get_full_name(),
    )


@transaction.atomic
def review_request(*, case_id: int, reasons: str, late_reasons: str) -> ReviewRequest:
    """The victim asks, from their own signed-in page (the caller passes the case of their own report).

    A police decision goes to an independent police reviewer, on the national scheme's footing or London's
    extension's (rules.reviewable); a CPS decision is recorded and passed to the CPS, whose scheme reviews it.
    """
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("outcome", "outcome_by", "crime__report")
        .filter(pk=case_id)
        .first()
    )
    found = rules.reviewable(case) if case else None
    if case is None or found is None or case.outcome is None:
        raise ReviewRefused(gettext("This decision cannot be reviewed under the Right to Review."))
    now = timezone.now()
    late = london_date(now) > found.deadline
    if late and not late_reasons.strip():
        raise ReviewRefused(
            gettext("The time to ask ended on {deadline}. Explain why you are asking now.").format(
                deadline=date_words(found.deadline)
            )
        )
    cps = found.footing == Footing.CPS
    status = ReviewStatus.AWAITING_ACCEPTANCE if late else ReviewStatus.IN_REVIEW
    if cps:
        status = ReviewStatus.WITH_CPS
    target = decision_target(now)
    try:
        with transaction.atomic():
            review = ReviewRequest.objects.create(
                case=case,
                outcome=case.outcome,
                decision_at=found.decided_at,
                told_at=found.told_at,
                footing=found.footing,
                decision_maker=case.outcome_by,
                requested_at=now,
                deadline=found.deadline,
                victim_reasons=reasons,
                late=late,
                late_reasons=late_reasons if late else "",
                status=status,
                target_on=None if late or cps else target,
            )
    except IntegrityError:
        raise ReviewRefused(gettext("You have already asked for this decision to be reviewed.")) from None
    case_event(case, CaseEventKind.REVIEW_REQUESTED, actor=None, actor_label=VICTIM, at=now, note=found.footing.label)
    if not cps:
        reviewer = _independent_reviewer(review)
        if reviewer is not None:
            _assign(review, reviewer, actor=None)
    with in_victims_language(case):
        if cps:
            text = gettext(
                "We have your request for a review of the Crown Prosecution Service's decision and have passed it to "
                "the CPS. A prosecutor will first check the decision and explain it (local resolution). If you are "
                "still not satisfied, a prosecutor who was not involved will review it afresh (independent review)."
            )
        elif late:
            text = gettext(
                "We have your request for a review of the decision. An officer who did not make it will look at it. "
                "A reviewer will first decide whether to accept it, because it was made after the time limit."
            )
        else:
            text = gettext(
                "We have your request for a review of the decision. An officer who did not make it will look at it. "
                "We aim to tell you the result by {target}."
            ).format(target=date_words(target))
    publish_to_victim(case, kind=TimelineKind.UPDATE, text=text, actor=None, actor_label="the service")
    audit.record(
        actor=None,
        actor_label=VICTIM,
        action="review.request",
        subject=case.crime.report,
        detail={"footing": found.footing.value},
    )
    return review


def review_view(*, review_id: int, actor: StaffUser) -> ReviewRequest | None:
    """Open a request of the reviewer's area; the read is audited."""
    from victimsrights.reviews.selectors import reviews_in_scope

    review = (
        reviews_in_scope(user=actor)
        .select_related("case__crime__classification", "case__crime__report", "outcome", "decision_maker", "reviewer")
        .filter(pk=review_id)
        .first()
    )
    if review is not None:
        audit.record(actor=actor, action="review.view", subject=review.case.crime.report)
    return review


def _lock_review(*, review_id: int, actor: StaffUser) -> ReviewRequest:
    review = (
        ReviewRequest.objects.select_for_update(of=("self",))
        .select_related("case__crime__report", "decision_maker__line_manager", "outcome")
        .filter(pk=review_id, case__crime__report__area_id=actor.area_id or 0)
        .first()
    )
    if review is None or actor.role != Role.REVIEWER:
        raise ReviewRefused("You cannot act on this review.")
    Case.objects.select_for_update().filter(pk=review.case_id).first()
    return review


@transaction.atomic
def review_take(*, review_id: int, actor: StaffUser) -> ReviewRequest:
    review = _lock_review(review_id=review_id, actor=actor)
    if not review.is_open:
        raise ReviewRefused("This review has already been decided.")
    _assign(review, actor, actor=actor)
    audit.record(actor=actor, action="review.take", subject=review.case.crime.report)
    return review


def _check_reviewer(review: ReviewRequest, actor: StaffUser) -> None:
    if review.reviewer_id != actor.pk:
        raise ReviewRefused("Take this review before you decide it.")
    if not is_independent(reviewer=actor, review=review):
        raise ReviewRefused(f"{NOT_INDEPENDENT} Another reviewer must decide it.")


@transaction.atomic
def review_accept_late(*, review_id: int, accept: bool, reasons: str, actor: StaffUser) -> ReviewRequest:
    """A request made after the time limit: the reviewer decides whether the circumstances are exceptional."""
    review = _lock_review(review_id=review_id, actor=actor)
    _check_reviewer(review, actor)
    if review.status != ReviewStatus.AWAITING_ACCEPTANCE:
        raise ReviewRefused("This request has already been accepted or decided.")
    now = timezone.now()
    if accept:
        review.status = ReviewStatus.IN_REVIEW
        review.target_on = decision_target(now)
        with in_victims_language(review.case):
            text = gettext("Your request for a review has been accepted. We aim to tell you the result by {target}.")
            text = text.format(target=date_words(review.target_on))
    else:
        review.status = ReviewStatus.NOT_ACCEPTED
        review.decided_at = now
        review.decision_reasons = reasons
        with in_victims_language(review.case):
            text = gettext("Your request for a review was made after the time limit and has not been accepted.")
        text = f"{text} {reasons}"
    review.save(update_fields=["status", "target_on", "decided_at", "decision_reasons"])
    if not accept:
        case_event(review.case, CaseEventKind.REVIEW_DECIDED, actor=actor, note="Late request not accepted")
    publish_to_victim(review.case, kind=TimelineKind.UPDATE, text=text, actor=actor)
    audit.record(
        actor=actor, action="review.accept_late", subject=review.case.crime.report, detail={"accepted": accept}
    )
    return review


@transaction.atomic
def review_decide(*, review_id: int, overturn: bool, reasons: str, actor: StaffUser) -> ReviewRequest:
    review = _lock_review(review_id=review_id, actor=actor)
    _check_reviewer(review, actor)
    if review.status != ReviewStatus.IN_REVIEW:
        raise ReviewRefused("This review is not open for a decision.")
    review.status = ReviewStatus.OVERTURNED if overturn else ReviewStatus.UPHELD
    review.decided_at = timezone.now()
    review.decision_reasons = reasons
    review.save(update_fields=["status", "decided_at", "decision_reasons"])
    case = review.case
    case_event(case, CaseEventKind.REVIEW_DECIDED, actor=actor, note=review.get_status_display())
    if overturn:
        case_reopen(case, actor=actor, reason=reasons)
    with in_victims_language(case):
        if overturn:
            text = gettext(
                "An officer who did not make the decision has reviewed it and decided it was wrong. The case is open "
                "again and will go back to an investigating officer.\n\nTheir reasons: {reasons}"
            ).format(reasons=reasons)
        else:
            text = gettext(
                "An officer who did not make the decision has reviewed it and agreed with it. The case stays closed."
                "\n\nTheir reasons: {reasons}\n\nIf you are unhappy with how you have been treated, you can make a "
                "complaint."
            ).format(reasons=reasons)
    publish_to_victim(case, kind=TimelineKind.OUTCOME if not overturn else TimelineKind.UPDATE, text=text, actor=actor)
    audit.record(actor=actor, action="review.decide", subject=case.crime.report, detail={"overturned": overturn})
    return review


def reviews_tell_of_delay() -> int:
    """Tell each victim, once, when their review will miss its target date. A scheduled job."""
    told = 0
    today = london_date(timezone.now())
    for review_id in ReviewRequest.objects.filter(
        status=ReviewStatus.IN_REVIEW, target_on__lt=today, delay_told_at__isnull=True
    ).values_list("pk", flat=True):
        with transaction.atomic():
            review = (
                ReviewRequest.objects.select_for_update(of=("self",))
                .select_related("case")
                .filter(pk=review_id, status=ReviewStatus.IN_REVIEW, delay_told_at__isnull=True)
                .first()
            )
            if review is None:
                continue
            review.delay_told_at = timezone.now()
            review.save(update_fields=["delay_told_at"])
            with in_victims_language(review.case):
                text = gettext(
                    "Your review is taking longer than we said. We are sorry. "
                    "We will tell you the result as soon as it is decided."
                )
            publish_to_victim(
                review.case,
                kind=TimelineKind.UPDATE,
                text=text,
                actor=None,
                actor_label="the service",
            )
            told += 1
    return told

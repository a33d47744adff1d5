"""Reviewers: their area's Right to Review requests, taken, accepted if late, and decided."""

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from victimsrights.compliance.working_days import london_date
from victimsrights.formflow import act_on_page_form
from victimsrights.http import StaffRequest
from victimsrights.reviews import selectors, services
from victimsrights.reviews.forms import LateRequestForm, ReviewDecisionForm, TakeForm


@require_safe
def review_list(request: StaffRequest) -> HttpResponse:
    return render(
        request,
        "reviews/list.html",
        {
            "reviews": selectors.review_queue(user=request.user)[:200],
            "today": london_date(timezone.now()),
        },
    )


def _review_page(request: StaffRequest, review_id: int, **forms: Any) -> HttpResponse:
    review = services.review_view(review_id=review_id, actor=request.user)
    if review is None:
        raise Http404
    case = review.case
    return render(
        request,
        "reviews/review.html",
        {
            "review": review,
            "case": case,
            "independent": services.is_independent(reviewer=request.user, review=review),
            "not_independent": services.NOT_INDEPENDENT,
            "timeline": case.timeline.all()[:100],
            "history": case.events.select_related("actor")[:200],
            "take_form": forms.get("take_form") or TakeForm(),
            "late_form": forms.get("late_form") or LateRequestForm(),
            "decision_form": forms.get("decision_form") or ReviewDecisionForm(),
            "today": london_date(timezone.now()),
        },
    )


@require_safe
def review_detail(request: StaffRequest, review_id: int) -> HttpResponse:
    return _review_page(request, review_id)


def _act(
    request: StaffRequest, review_id: int, form: Any, name: str, act: Callable[[dict[str, Any]], str]
) -> HttpResponse:
    return act_on_page_form(
        request,
        form,
        act,
        refused=services.ReviewRefused,
        page_name="reviews:review",
        page=_review_page,
        form_name=name,
        review_id=review_id,
    )


@require_POST
def take(request: StaffRequest, review_id: int) -> HttpResponse:
    def act(_data: dict[str, Any]) -> str:
        services.review_take(review_id=review_id, actor=request.user)
        return "You are now the reviewer."

    return _act(request, review_id, TakeForm(request.POST), "take_form", act)


@require_POST
def late(request: StaffRequest, review_id: int) -> HttpResponse:
    def act(data: dict[str, Any]) -> str:
        review = services.review_accept_late(
            review_id=review_id,
            accept=data["accept"] == "yes",
            reasons=data["reasons"],
            actor=request.user,
        )
        return f"{review.get_status_display()}. The victim will get an alert to sign in."

    return _act(request, review_id, LateRequestForm(request.POST), "late_form", act)


@require_POST
def decide(request: StaffRequest, review_id: int) -> HttpResponse:
    def act(data: dict[str, Any]) -> str:
        review = services.review_decide(
            review_id=review_id,
            overturn=data["decision"] == "overturn",
            reasons=data["reasons"],
            actor=request.user,
        )
        return f"{review.get_status_display()}. The victim will get an alert to sign in."

    return _act(request, review_id, ReviewDecisionForm(request.POST), "decision_form", act)

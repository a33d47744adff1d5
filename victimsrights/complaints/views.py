"""Professional standards answer their area's complaints; the commissioner concludes escalated ones."""

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from victimsrights.complaints import selectors, services
from victimsrights.complaints.forms import AnswerForm, ConclusionForm
from victimsrights.compliance.working_days import london_date
from victimsrights.formflow import act_on_page_form
from victimsrights.http import StaffRequest


@require_safe
def complaint_list(request: StaffRequest) -> HttpResponse:
    return render(
        request,
        "complaints/list.html",
        {
            "complaints": selectors.complaint_queue(user=request.user)[:200],
            "today": london_date(timezone.now()),
        },
    )


def _complaint_page(request: StaffRequest, complaint_id: int, **forms: Any) -> HttpResponse:
    complaint = services.complaint_view(complaint_id=complaint_id, actor=request.user)
    if complaint is None:
        raise Http404
    return render(
        request,
        "complaints/complaint.html",
        {
            "complaint": complaint,
            "answer_form": forms.get("answer_form") or AnswerForm(),
            "conclusion_form": forms.get("conclusion_form") or ConclusionForm(),
        },
    )


@require_safe
def complaint_detail(request: StaffRequest, complaint_id: int) -> HttpResponse:
    return _complaint_page(request, complaint_id)


def _act(
    request: StaffRequest, complaint_id: int, form: Any, name: str, act: Callable[[dict[str, Any]], str]
) -> HttpResponse:
    return act_on_page_form(
        request,
        form,
        act,
        refused=services.ComplaintRefused,
        page_name="complaints:complaint",
        page=_complaint_page,
        form_name=name,
        complaint_id=complaint_id,
    )


@require_POST
def answer(request: StaffRequest, complaint_id: int) -> HttpResponse:
    def act(data: dict[str, Any]) -> str:
        services.complaint_answer(
            complaint_id=complaint_id,
            upheld=data["upheld"] == "yes",
            answer=data["answer"],
            actor=request.user,
        )
        return "Answer sent. The victim will get an alert to sign in."

    return _act(request, complaint_id, AnswerForm(request.POST), "answer_form", act)


@require_POST
def conclude(request: StaffRequest, complaint_id: int) -> HttpResponse:
    def act(data: dict[str, Any]) -> str:
        services.complaint_conclude(
            complaint_id=complaint_id,
            upheld=data["upheld"] == "yes",
            finding=data["finding"],
            actor=request.user,
        )
        return "Finding sent. The victim will get an alert to sign in."

    return _act(request, complaint_id, ConclusionForm(request.POST), "conclusion_form", act)

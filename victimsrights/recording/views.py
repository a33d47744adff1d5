"""Recording officers' queue and decisions; the crime registrar's appeals and cancellations."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from victimsrights.formflow import act_on_page_form
from victimsrights.http import StaffRequest
from victimsrights.notify.selectors import deliveries_of_report
from victimsrights.recording import selectors, services
from victimsrights.recording.clock import RecordingClock
from victimsrights.recording.forms import AppealDecisionForm, CancelForm, DeclineForm, RecordForm
from victimsrights.recording.services import RecordingRefused
from victimsrights.reporting.models import ReportStatus

QUEUE_PAGE_SIZE = 50


@require_safe
def queue(request: StaffRequest) -> HttpResponse:
    user = request.user
    now = timezone.now()
    reports = selectors.queue_for_user(user=user)
    page = Paginator(reports, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"report": report, "clock": RecordingClock(received_at=report.received_at, now=now)} for report in page]
    overdue = selectors.queue_overdue_count(queue=reports, now=now)
    return render(
        request,
        "recording/queue.html",
        {"rows": rows, "page": page, "overdue": overdue, "appeals": selectors.appeals_pending(user=user).count()},
    )


def _report_page(request: StaffRequest, report_id: int, **forms: Any) -> HttpResponse:
    user = request.user
    report = services.report_open(report_id=report_id, actor=user)
    if report is None:
        raise Http404
    context = {
        "report": report,
        "clock": RecordingClock(received_at=report.received_at, now=timezone.now()),
        "record_form": forms.get("record_form") or RecordForm(),
        "decline_form": forms.get("decline_form") or DeclineForm(),
        "cancel_form": forms.get("cancel_form") or CancelForm(),
        "open": report.status == ReportStatus.RECEIVED,
        "crime": getattr(report, "crime", None),
        "refusal": report.refusals.order_by("-decided_at").first(),
        "appeal": getattr(report, "appeal", None),
        "history": report.history.select_related("actor"),
        "messages_panel": deliveries_of_report(report=report),
        "can_cancel": user.role == "crime_registrar",
        "has_errors": any(form.errors for form in forms.values()),
    }
    return render(request, "recording/report.html", context)


@require_safe
def report_detail(request: StaffRequest, report_id: int) -> HttpResponse:
    return _report_page(request, report_id)


def _decide(
    request: StaffRequest, report_id: int, form: Any, form_name: str, act: Callable[[dict[str, Any]], str]
) -> HttpResponse:
    return act_on_page_form(
        request,
        form,
        act,
        refused=RecordingRefused,
        page_name="recording:report",
        page=_report_page,
        form_name=form_name,
        report_id=report_id,
    )


@require_POST
def record(request: StaffRequest, report_id: int) -> HttpResponse:
    def act(data: dict[str, Any]) -> str:
        crime = services.crime_record(
            report_id=report_id,
            classification=data["classification"],
            flags=frozenset(data.get("flags", [])),
            actor=request.user,
        )
        return f"Recorded. The crime number is {crime.crime_number}. The victim will be told."

    return _decide(request, report_id, RecordForm(request.POST), "record_form", act)


@require_POST
def decline(request: StaffRequest, report_id: int) -> HttpResponse:
    def act(data: dict[str, Any]) -> str:
        services.report_decline(report_id=report_id, actor=request.user, **data)
        return "Not recorded. The victim will be told why and how to appeal."

    return _decide(request, report_id, DeclineForm(request.POST), "decline_form", act)


@require_POST
def cancel(request: StaffRequest, report_id: int) -> HttpResponse:
    crime = selectors.crime_for_report(user=request.user, report_id=report_id)
    if crime is None:
        raise Http404

    def act(data: dict[str, Any]) -> str:
        services.crime_cancel(
            crime_id=crime.pk, ground=data["ground"], information=data["information"], actor=request.user
        )
        return f"Crime record {crime.crime_number} cancelled. The victim will be told."

    return _decide(request, report_id, CancelForm(request.POST), "cancel_form", act)


@require_safe
def appeals(request: StaffRequest) -> HttpResponse:
    now = timezone.now()
    rows = [
        {"appeal": appeal, "waiting": now - appeal.submitted_at}
        for appeal in selectors.appeals_pending(user=request.user)
    ]
    return render(request, "recording/appeals.html", {"rows": rows})


def appeal_detail(request: StaffRequest, appeal_id: int) -> HttpResponse:
    user = request.user
    appeal = selectors.appeal_for_user(user=user, appeal_id=appeal_id)
    if appeal is None:
        raise Http404
    form = AppealDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            decided = services.appeal_decide(
                appeal_id=appeal.pk,
                overturn=form.cleaned_data["outcome"] == "overturn",
                reasons=form.cleaned_data["reasons"],
                classification=form.cleaned_data.get("classification"),
                actor=user,
            )
        except RecordingRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Appeal decided: {decided.get_status_display().lower()}.")
            return redirect("recording:report", report_id=appeal.report_id)
    services.report_open(report_id=appeal.report_id, actor=user)
    return render(request, "recording/appeal.html", {"appeal": appeal, "form": form})

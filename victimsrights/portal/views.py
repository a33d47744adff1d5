"""The victim's own pages, reached by signing in with a reference and a one-time code."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from victimsrights.portal.selectors import report_for_victim
from victimsrights.portal.services import victim_report_open
from victimsrights.recording import services as recording
from victimsrights.recording.forms import AppealForm
from victimsrights.recording.models import Appeal
from victimsrights.reporting.models import ReportStatus


@never_cache
@require_safe
def report(request: HttpRequest) -> HttpResponse:
    own = victim_report_open(session=request.session)
    if own is None:
        return redirect("portal:sign-in")
    appeal = Appeal.objects.filter(report=own).first()
    return render(
        request,
        "portal/report.html",
        {
            "report": own,
            "crime": getattr(own, "crime", None),
            "refusal": own.refusals.order_by("-decided_at").first(),
            "appeal": appeal,
            "can_appeal": own.status == ReportStatus.DECLINED and appeal is None,
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def appeal(request: HttpRequest) -> HttpResponse:
    own = report_for_victim(session=request.session)
    if own is None:
        return redirect("portal:sign-in")
    form = AppealForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            recording.appeal_submit(report_id=own.pk, reasons=form.cleaned_data["reasons"], made_by="victim (online)")
        except recording.RecordingRefused as refused:
            form.add_error(None, str(refused))
        else:
            return redirect("portal:report")
    return render(request, "portal/appeal.html", {"form": form, "report": own})

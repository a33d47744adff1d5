"""The Victims Commissioner's oversight pages. Read only: nothing here changes a case."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from victimsrights.accounts.roles import Role
from victimsrights.audit.services import verify_chain
from victimsrights.formflow import act_on_form
from victimsrights.govuk.formats import date_words
from victimsrights.http import StaffRequest
from victimsrights.oversight import selectors, services
from victimsrights.oversight.forms import (
    AuditFilterForm,
    FindingForm,
    RecommendationForm,
    RecommendationResponseForm,
    SampleForm,
)
from victimsrights.oversight.models import Sample, SampledRecord
from victimsrights.oversight.selectors import audit_entries, keyset_page, recommendations_for, report_references
from victimsrights.plans.forms import DashboardForm
from victimsrights.plans.selectors import DASHBOARD_COLUMNS, RANKINGS, areas_ranked, year_figures
from victimsrights.plans.services import plan_years, year_figures_count

PAGE_SIZE = 50


@require_safe
def audit_log(request: StaffRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = keyset_page(
        audit_entries(filters=filters).select_related("actor"),
        older_than=_entry_id(request.GET.get("older_than")),
        newer_than=_entry_id(request.GET.get("newer_than")),
        size=PAGE_SIZE,
    )
    query = request.GET.copy()
    query.pop("older_than", None)
    query.pop("newer_than", None)
    return render(
        request,
        "oversight/audit_log.html",
        {
            "form": form,
            "page": page,
            "rows": report_references(page.entries),
            "query": query.urlencode(),
        },
    )


def _entry_id(value: str | None) -> int | None:
    """A page link's entry id; anything else is the first page."""
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 19 else None


@require_POST
def verify_audit_log(request: StaffRequest) -> HttpResponse:
    result = verify_chain()
    if result.intact:
        waiting = (
            f" {result.entries_waiting:,} written in the last few seconds will be chained shortly."
            if result.entries_waiting
            else ""
        )
        messages.success(
            request, f"The audit log is intact: all {result.entries_checked:,} chained entries check out.{waiting}"
        )
    else:
        where = f" at entry {result.first_broken_entry_id}" if result.first_broken_entry_id else ""
        messages.error(request, f"The audit log has been tampered with{where}: {result.problem}")
    return redirect("oversight:audit")


@require_http_methods(["GET", "HEAD", "POST"])
def samples(request: StaffRequest) -> HttpResponse:
    form = SampleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            sample = services.sample_draw(actor=request.user, **form.cleaned_data)
        except services.SamplingRefused as refused:
            form.add_error(None, str(refused))
        else:
            return redirect("oversight:sample", sample_id=sample.pk)
    return render(
        request,
        "oversight/samples.html",
        {
            "form": form,
            "samples": Sample.objects.select_related("area")[:100],
            "findings": selectors.findings_by_area(),
        },
    )


def finding_form(record_id: int, data: Any = None) -> FindingForm:
    """Each record's form on the sample page has ids of its own, so a label or a click reaches its own record."""
    return FindingForm(data, auto_id=f"record-{record_id}-%s")


def _sample_page(request: StaffRequest, sample_id: int, invalid: tuple[int, FindingForm] | None = None) -> HttpResponse:
    sample = get_object_or_404(Sample.objects.select_related("area"), pk=sample_id)
    rows = [
        (row, invalid[1] if invalid and invalid[0] == row.record.pk else finding_form(row.record.pk))
        for row in selectors.sample_records(sample=sample)
    ]
    return render(request, "oversight/sample.html", {"sample": sample, "rows": rows, "invalid": invalid})


@require_safe
def sample_detail(request: StaffRequest, sample_id: int) -> HttpResponse:
    return _sample_page(request, sample_id)


@require_POST
def finding(request: StaffRequest, sample_id: int, record_id: int) -> HttpResponse:
    get_object_or_404(SampledRecord, pk=record_id, sample_id=sample_id)

    def act(data: dict[str, Any]) -> str:
        services.finding_record(
            record_id=record_id,
            decision_sound=data["decision_sound"] == "yes",
            finding=data["finding"],
            actor=request.user,
        )
        return "Finding saved."

    return act_on_form(
        request,
        finding_form(record_id, request.POST),
        act,
        refused=services.SamplingRefused,
        done=lambda: redirect("oversight:sample", sample_id=sample_id),
        again=lambda form: _sample_page(request, sample_id, invalid=(record_id, form)),  # type: ignore[arg-type]
    )


def _dashboard_form(data: Any) -> DashboardForm:
    return DashboardForm(
        data,
        years=plan_years(),
        rankings=[(ranking.key, ranking.label) for ranking in RANKINGS],
    )


@require_safe
def dashboard(request: StaffRequest) -> HttpResponse:
    """Every area's plan figures side by side, ranked; counted by the scheduler or on request."""
    form = _dashboard_form(request.GET or {"year": timezone.localdate().year})
    stored, rows, ranking = None, [], RANKINGS[0]
    if form.is_valid():
        ranking = next((r for r in RANKINGS if r.key == form.cleaned_data["rank_by"]), RANKINGS[0])
        stored = year_figures(year=form.cleaned_data["year"])
        if stored is not None:
            rows = areas_ranked(stored=stored, ranking=ranking)
    return render(
        request,
        "oversight/dashboard.html",
        {"form": form, "stored": stored, "rows": rows, "columns": DASHBOARD_COLUMNS, "ranking": ranking},
    )


@require_POST
def dashboard_count(request: StaffRequest) -> HttpResponse:
    form = _dashboard_form(request.POST)
    if not form.is_valid():
        return render(request, "oversight/dashboard.html", {"form": form, "rows": []}, status=400)
    year = form.cleaned_data["year"]
    year_figures_count(year=year)
    messages.success(request, f"The figures for {year} are counted again.")
    return redirect(f"{reverse('oversight:dashboard')}?year={year}")


def _recommendations_page(
    request: StaffRequest,
    *,
    form: RecommendationForm | None = None,
    answering: tuple[int, RecommendationResponseForm] | None = None,
) -> HttpResponse:
    """Each unanswered recommendation of a commander's area has its own answer form, with ids of its own."""
    rows = []
    for recommendation in recommendations_for(user=request.user):
        answer_form = None
        if request.user.role == Role.AREA_COMMANDER and recommendation.responded_at is None:
            answering_this = answering is not None and answering[0] == recommendation.pk
            answer_form = answering[1] if answering and answering_this else response_form(recommendation.pk)
        rows.append((recommendation, answer_form))
    return render(
        request,
        "oversight/recommendations.html",
        {
            "form": form or RecommendationForm(),
            "rows": rows,
            "today": timezone.localdate(),
            "days": settings.RECOMMENDATION_RESPONSE_DAYS,
            "has_errors": bool((form and form.errors) or (answering and answering[1].errors)),
        },
    )


def response_form(recommendation_id: int, data: Any = None) -> RecommendationResponseForm:
    return RecommendationResponseForm(data, auto_id=f"response-{recommendation_id}-%s")


@require_http_methods(["GET", "HEAD", "POST"])
def recommendations(request: StaffRequest) -> HttpResponse:
    """The commissioner records recommendations; each area's commander sees theirs and when the answer is due."""
    if request.method != "POST":
        return _recommendations_page(request)

    def act(data: dict[str, Any]) -> str:
        made = services.recommendation_make(actor=request.user, **data)
        return f"Recommendation recorded. {made.area} must answer by {date_words(made.respond_by)}."

    return act_on_form(
        request,
        RecommendationForm(request.POST),
        act,
        refused=services.RecommendationRefused,
        done=lambda: redirect("oversight:recommendations"),
        again=lambda form: _recommendations_page(request, form=form),  # type: ignore[arg-type]
    )


@require_POST
def recommendation_respond(request: StaffRequest, recommendation_id: int) -> HttpResponse:
    get_object_or_404(recommendations_for(user=request.user), pk=recommendation_id)

    def act(data: dict[str, Any]) -> str:
        services.recommendation_respond(
            recommendation_id=recommendation_id,
            response=data["response"],
            actor=request.user,
        )
        return "Your answer is recorded. The commissioner can read it."

    return act_on_form(
        request,
        response_form(recommendation_id, request.POST),
        act,
        refused=services.RecommendationRefused,
        done=lambda: redirect("oversight:recommendations"),
        again=lambda form: _recommendations_page(
            request,
            answering=(recommendation_id, form),  # type: ignore[arg-type]
        ),
    )


@require_safe
def feedback_words(request: StaffRequest) -> HttpResponse:
    """Victims' own words about the service for a year, pseudonymised, by area: no date, case or order of arrival."""
    years = plan_years()
    try:
        year = int(request.GET.get("year") or years[0])
    except ValueError:
        year = years[0]
    if year not in years:
        year = years[0]
    return render(
        request,
        "oversight/feedback.html",
        {"year": year, "years": years, "areas": selectors.feedback_words_by_area(year=year)},
    )

"""Victims' Plans: published for all (web, PDF, CSV), drafted by the commander, commented on by the commissioner."""

from collections.abc import Callable
from typing import Any, TypeVar, cast

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from victimsrights.formflow import act_on_page_form
from victimsrights.http import StaffRequest
from victimsrights.plans import selectors, services
from victimsrights.plans.disclosure import protect
from victimsrights.plans.document import PlanDocument, csv_text, snapshot_build
from victimsrights.plans.forms import CommentForm, CommitmentForm, NarrativeForm, PublishForm
from victimsrights.plans.models import Plan, PlanVersion
from victimsrights.plans.open_data import data_package, figures_json
from victimsrights.plans.rendering import document_context, pdf_bytes

# Published plans: public, like any published statistics.


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/index.html", {"versions": selectors.published_versions()})


def _version(area_code: str, year: int, number: int | None = None) -> PlanVersion:
    version = selectors.published_version(area_code=area_code, year=year, number=number)
    if version is None:
        raise Http404
    return version


def _public_document(version: PlanVersion) -> PlanDocument:
    """A published version as anyone may read it: with disclosure control applied."""
    return protect(PlanDocument.from_snapshot(version.snapshot))


def _published_page(request: HttpRequest, version: PlanVersion, place_code: str | None = None) -> HttpResponse:
    document = _public_document(version)
    place = document.place(place_code) if place_code else document.area
    if place is None:
        raise Http404
    return render(
        request,
        "plans/plan.html",
        {
            **document_context(document, place),
            "version": version,
            "versions": selectors.versions_of(version.plan),
        },
    )


View = TypeVar("View", bound=Callable[..., HttpResponse])


def charts_styled(view: View) -> View:
    """matplotlib's SVG charts carry their own style rules; scripts stay as strict as everywhere."""
    return cast(View, csp_update({"style-src": [SELF, UNSAFE_INLINE]})(view))


@require_safe
@charts_styled
def plan(request: HttpRequest, area_code: str, year: int) -> HttpResponse:
    return _published_page(request, _version(area_code, year))


@require_safe
@charts_styled
def version(request: HttpRequest, area_code: str, year: int, number: int) -> HttpResponse:
    return _published_page(request, _version(area_code, year, number))


@require_safe
@charts_styled
def borough(request: HttpRequest, area_code: str, year: int, ons_code: str) -> HttpResponse:
    return _published_page(request, _version(area_code, year), place_code=ons_code)


@require_safe
def pdf(request: HttpRequest, area_code: str, year: int, number: int) -> HttpResponse:
    version = _version(area_code, year, number)
    document = _public_document(version)
    response = HttpResponse(pdf_bytes(document, version=version), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="victims-plan-{area_code}-{year}-v{number}.pdf"'
    return response


@require_safe
def csv(request: HttpRequest, area_code: str, year: int, number: int) -> HttpResponse:
    version = _version(area_code, year, number)
    response = HttpResponse(csv_text(_public_document(version)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="victims-plan-{area_code}-{year}-v{number}.csv"'
    return response


@require_safe
def open_data_package(request: HttpRequest, area_code: str, year: int) -> HttpResponse:
    """A stable address per area and year: the latest version's figures, described for anyone to reuse."""
    version = _version(area_code, year)
    document = _public_document(version)
    package = data_package(document, version_number=version.number, published_at=version.published_at.isoformat())
    return JsonResponse(package, json_dumps_params={"indent": 1})


@require_safe
def open_data_csv(request: HttpRequest, area_code: str, year: int) -> HttpResponse:
    document = _public_document(_version(area_code, year))
    return HttpResponse(csv_text(document), content_type="text/csv; charset=utf-8")


@require_safe
def open_data_json(request: HttpRequest, area_code: str, year: int) -> HttpResponse:
    document = _public_document(_version(area_code, year))
    return HttpResponse(figures_json(document), content_type="application/json")


# Drafting: the area commander, and the commissioner's comments.


@require_safe
def drafts(request: StaffRequest) -> HttpResponse:
    areas = selectors.plan_areas(user=request.user)
    started = selectors.plans_started(areas=areas)
    rows = [(area, year, started.get((area.pk, year))) for year in services.plan_years() for area in areas]
    return render(request, "plans/drafts.html", {"rows": rows})


def _plan_in_scope(request: StaffRequest, area_code: str, year: int) -> Plan:
    area = selectors.plan_areas(user=request.user).filter(code=area_code).first()
    if area is None or year not in services.plan_years():
        raise Http404
    return Plan.objects.filter(area=area, year=year).first() or Plan(area=area, year=year)


def _draft_page(request: StaffRequest, area_code: str, year: int, **forms: Any) -> HttpResponse:
    plan = _plan_in_scope(request, area_code, year)
    # The scheduler counts every area's figures every 15 minutes; counting one area live costs as much.
    stored = selectors.year_figures(year=year)
    if stored is None:
        snapshot = snapshot_build(plan, now=timezone.now())
    else:
        snapshot = snapshot_build(plan, now=stored.counted_at, figures=selectors.stored_figures(stored))
    document = PlanDocument.from_snapshot(snapshot)
    return render(
        request,
        "plans/draft.html",
        {
            **document_context(document),
            "plan": plan,
            "versions": selectors.versions_of(plan) if plan.pk else [],
            "commitments": plan.commitments.all() if plan.pk else [],
            "narrative_form": forms.get("narrative_form") or NarrativeForm(initial={"narrative": plan.narrative}),
            "commitment_form": forms.get("commitment_form") or CommitmentForm(),
            "comment_form": forms.get("comment_form") or CommentForm(),
            "publish_form": forms.get("publish_form") or PublishForm(),
        },
    )


@require_safe
@charts_styled
def draft(request: StaffRequest, area_code: str, year: int) -> HttpResponse:
    return _draft_page(request, area_code, year)


def _act(request: StaffRequest, area_code: str, year: int, form: Any, name: str, act: Any) -> HttpResponse:
    plan = _plan_in_scope(request, area_code, year)

    def act_on_plan(data: dict[str, Any]) -> str:
        started = plan if plan.pk else services.plan_get_or_start(area=plan.area, year=year)
        message: str = act(started, data)
        return message

    return act_on_page_form(
        request,
        form,
        act_on_plan,
        refused=services.PlanRefused,
        page_name="plans:draft",
        page=_draft_page,
        form_name=name,
        area_code=area_code,
        year=year,
    )


@require_POST
@charts_styled
def narrative(request: StaffRequest, area_code: str, year: int) -> HttpResponse:
    def act(plan: Plan, data: dict[str, Any]) -> str:
        services.narrative_save(plan_id=plan.pk, narrative=data["narrative"], actor=request.user)
        return "The account of the year is saved."

    return _act(request, area_code, year, NarrativeForm(request.POST), "narrative_form", act)


@require_POST
@charts_styled
def commitment(request: StaffRequest, area_code: str, year: int) -> HttpResponse:
    def act(plan: Plan, data: dict[str, Any]) -> str:
        services.commitment_add(plan_id=plan.pk, actor=request.user, **data)
        return "The commitment is added."

    return _act(request, area_code, year, CommitmentForm(request.POST), "commitment_form", act)


@require_POST
@charts_styled
def commitment_remove(request: StaffRequest, area_code: str, year: int, commitment_id: int) -> HttpResponse:
    def act(plan: Plan, data: dict[str, Any]) -> str:
        services.commitment_remove(plan_id=plan.pk, commitment_id=commitment_id, actor=request.user)
        return "The commitment is removed."

    return _act(request, area_code, year, PublishForm({}), "publish_form", act)


@require_POST
@charts_styled
def comment(request: StaffRequest, area_code: str, year: int) -> HttpResponse:
    def act(plan: Plan, data: dict[str, Any]) -> str:
        services.comment_add(plan_id=plan.pk, text=data["text"], actor=request.user)
        return "Your comment is added. It is published with the plan."

    return _act(request, area_code, year, CommentForm(request.POST), "comment_form", act)


@require_POST
@charts_styled
def publish(request: StaffRequest, area_code: str, year: int) -> HttpResponse:
    def act(plan: Plan, data: dict[str, Any]) -> str:
        version = services.plan_publish(plan_id=plan.pk, correction_note=data["correction_note"], actor=request.user)
        return f"Version {version.number} of the plan is published."

    return _act(request, area_code, year, PublishForm(request.POST), "publish_form", act)

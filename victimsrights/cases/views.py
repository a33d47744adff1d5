"""Investigating officers: their area's cases, updates, hearings, outcomes and messages."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from victimsrights.cases import selectors, services
from victimsrights.cases.forms import (
    EnhancedRightsForm,
    EventForm,
    HearingForm,
    MessageForm,
    OutcomeForm,
    PropertyForm,
    PropertyStatusForm,
    UpdateForm,
    UpdateFrequencyForm,
)
from victimsrights.cases.models import (
    Case,
    CaseEventKind,
    CaseStatus,
    EnhancedRightsReason,
    PropertyItem,
    PropertyKind,
    PropertyStatus,
    UpdateFrequency,
)
from victimsrights.compliance.selectors import duties_due, duties_of_case
from victimsrights.compliance.working_days import london_date
from victimsrights.formflow import act_on_page_form
from victimsrights.http import StaffRequest
from victimsrights.notify.selectors import deliveries_of_report

LIST_LENGTH = 100  # the most urgent first; a longer list is not read and costs every page view


def _property_rows(case: Case, invalid: Form | None) -> list[tuple[PropertyItem, Form]]:
    """Each item of the victim's property with its own status form (the one just posted, with its errors, again)."""
    return [
        (
            item,
            invalid
            if invalid is not None and str(invalid.data.get("item")) == str(item.pk)
            else PropertyStatusForm(
                initial={"item": item.pk, "status": item.status, "collection": item.collection},
                auto_id=f"property-{item.pk}-%s",
            ),
        )
        for item in case.property_items.all()
    ]


@require_safe
def case_list(request: StaffRequest) -> HttpResponse:
    rows = selectors.case_list(user=request.user, limit=LIST_LENGTH)
    now = timezone.now()
    return render(
        request,
        "cases/list.html",
        {
            "cases": rows,
            "duties": duties_due(user=request.user)[:LIST_LENGTH],
            "list_length": LIST_LENGTH,
            "now": now,
            "today": london_date(now),
        },
    )


def _case_page(request: StaffRequest, case_id: int, **forms: Any) -> HttpResponse:
    case = services.case_view(case_id=case_id, actor=request.user)
    if case is None:
        raise Http404
    return render(
        request,
        "cases/case.html",
        {
            "case": case,
            "report": case.crime.report,
            "timeline": case.timeline.all()[:100],
            "hearings": case.hearings.all(),
            "closed": case.status == CaseStatus.CLOSED,
            "case_messages": selectors.case_messages_newest(case=case),
            "update_form": forms.get("update_form") or case_form(UpdateForm, "update_form"),
            "hearing_form": forms.get("hearing_form") or case_form(HearingForm, "hearing_form"),
            "outcome_form": forms.get("outcome_form") or case_form(OutcomeForm, "outcome_form"),
            "message_form": forms.get("message_form") or case_form(MessageForm, "message_form"),
            "event_form": forms.get("event_form") or case_form(EventForm, "event_form"),
            "enhanced_form": forms.get("enhanced_form") or case_form(EnhancedRightsForm, "enhanced_form"),
            "property_form": forms.get("property_form") or case_form(PropertyForm, "property_form"),
            "property_rows": _property_rows(case, forms.get("property_status_form")),
            "property_status_form": forms.get("property_status_form") or PropertyStatusForm(),
            "frequency_form": forms.get("frequency_form")
            or UpdateFrequencyForm(initial={"update_frequency": case.update_frequency}, auto_id="frequency-%s"),
            "duties": duties_of_case(case=case),
            "messages_panel": deliveries_of_report(report=case.crime.report),
            "referral_agreed": selectors.support_referral_agreed(case),
            "linked_crimes": selectors.linked_crime_numbers(case=case),
            "history": case.events.select_related("actor")[:200],
            "reviews": case.reviews.select_related("reviewer"),
            "today": london_date(timezone.now()),
            "has_errors": any(form.errors for form in forms.values()),
        },
    )


@require_safe
def case_detail(request: StaffRequest, case_id: int) -> HttpResponse:
    return _case_page(request, case_id)


def _act(
    request: StaffRequest, case_id: int, form: Any, name: str, act: Callable[[dict[str, Any]], str]
) -> HttpResponse:
    return act_on_page_form(
        request,
        form,
        act,
        refused=services.CaseRefused,
        page_name="cases:case",
        page=_case_page,
        form_name=name,
        case_id=case_id,
    )


@require_POST
def take(request: StaffRequest, case_id: int) -> HttpResponse:
    try:
        services.case_take(case_id=case_id, actor=request.user)
    except services.CaseRefused:
        raise Http404 from None
    messages.success(request, "You are now the officer in charge. The victim has been told.")
    return redirect("cases:case", case_id=case_id)


def case_form(form_class: type[Form], name: str, data: Any = None) -> Form:
    """The case page holds several forms: each gets ids of its own (two have a `note`), so a label reaches its field."""
    return form_class(data, auto_id=f"{name.removesuffix('_form')}-%s")


@require_POST
def publish_update(request: StaffRequest, case_id: int) -> HttpResponse:
    def act(data: dict[str, Any]) -> str:
        services.update_publish(case_id=case_id, text=data["text"], actor=request.user)
        return "Update published. The victim will get an alert to sign in."

    return _act(request, case_id, case_form(UpdateForm, "update_form", request.POST), "update_form", act)


@require_POST
def add_hearing(request: StaffRequest, case_id: int) -> HttpResponse:
    def act(data: dict[str, Any]) -> str:
        services.hearing_add(case_id=case_id, actor=request.user, **data)
        return "Hearing added. The victim will get an alert to sign in."

    return _act(request, case_id, case_form(HearingForm, "hearing_form", request.POST), "hearing_form", act)


@require_POST
def record_outcome(request: StaffRequest, case_id: int) -> HttpResponse:
    def act(data: dict[str, Any]) -> str:
        services.outcome_record(
            case_id=case_id,
            outcome=data["outcome"],
            explanation=data["explanation"],
            actor=request.user,
        )
        return "Outcome recorded. The victim will get an alert to sign in."

    return _act(request, case_id, case_form(OutcomeForm, "outcome_form", request.POST), "outcome_form", act)


@require_POST
def reply(request: StaffRequest, case_id: int) -> HttpResponse:
    def act(data: dict[str, Any]) -> str:
        services.message_reply(case_id=case_id, body=data["body"], actor=request.user)
        return "Reply sent. The victim will get an alert to sign in."

    return _act(request, case_id, case_form(MessageForm, "message_form", request.POST), "message_form", act)


@require_POST
def record_event(request: StaffRequest, case_id: int) -> HttpResponse:
    def act(data: dict[str, Any]) -> str:
        services.event_record(
            case_id=case_id,
            kind=CaseEventKind(data["kind"]),
            note=data["note"],
            victim_update=data["victim_update"],
            actor=request.user,
        )
        told = " The victim will get an alert to sign in." if data["victim_update"] else ""
        return f"Recorded: {CaseEventKind(data['kind']).label.lower()}.{told}"

    return _act(request, case_id, case_form(EventForm, "event_form", request.POST), "event_form", act)


@require_POST
def give_enhanced_rights(request: StaffRequest, case_id: int) -> HttpResponse:
    def act(data: dict[str, Any]) -> str:
        services.enhanced_rights_give(
            case_id=case_id,
            reason=EnhancedRightsReason(data["reason"]),
            note=data["note"],
            actor=request.user,
        )
        return "The victim now has enhanced rights. Open duties have the shorter deadline."

    return _act(request, case_id, case_form(EnhancedRightsForm, "enhanced_form", request.POST), "enhanced_form", act)


@require_POST
def agree_update_frequency(request: StaffRequest, case_id: int) -> HttpResponse:
    def act(data: dict[str, Any]) -> str:
        frequency = UpdateFrequency(data["update_frequency"])
        services.update_frequency_agree(case_id=case_id, frequency=frequency, actor=request.user)
        return f"The victim will be updated: {frequency.label.lower()}."

    form = case_form(UpdateFrequencyForm, "frequency_form", request.POST)
    return _act(request, case_id, form, "frequency_form", act)


@require_POST
def add_property(request: StaffRequest, case_id: int) -> HttpResponse:
    def act(data: dict[str, Any]) -> str:
        services.property_record(
            case_id=case_id,
            description=data["description"],
            kind=PropertyKind(data["kind"]),
            status=PropertyStatus(data["status"]),
            collection=data["collection"],
            actor=request.user,
        )
        return "Property recorded. The victim will get an alert to sign in."

    return _act(request, case_id, case_form(PropertyForm, "property_form", request.POST), "property_form", act)


@require_POST
def change_property(request: StaffRequest, case_id: int) -> HttpResponse:
    def act(data: dict[str, Any]) -> str:
        services.property_status_change(
            case_id=case_id,
            item_id=data["item"],
            status=PropertyStatus(data["status"]),
            collection=data["collection"],
            actor=request.user,
        )
        return "Property updated. The victim will get an alert to sign in."

    form = PropertyStatusForm(request.POST, auto_id=f"property-{request.POST.get('item', '')}-%s")
    return _act(request, case_id, form, "property_status_form", act)

"""Safe-place workers: report for a victim, keep sealed records, see their reports' progress."""

import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from victimsrights.accounts import services as accounts
from victimsrights.http import StaffRequest
from victimsrights.recording import services as recording
from victimsrights.recording.forms import AppealForm
from victimsrights.reporting import journey, services
from victimsrights.reporting.forms import ConsentForm
from victimsrights.reporting.selectors import SESSION_DRAFT
from victimsrights.safeplaces.forms import IdentifierForm, SealedRecordForm, WorkerForm
from victimsrights.safeplaces.selectors import (
    reports_for_organisation,
    sealed_records_for_organisation,
    workers_for_organisation,
)
from victimsrights.sealedrecords import services as sealed_records
from victimsrights.sealedrecords.models import SealedRecordStatus

GET_POST = ["GET", "HEAD", "POST"]
SESSION_NEW_CODE = "sealed_record_code"


def _into_journey(request: StaffRequest, draft: Any) -> HttpResponse:
    request.session[SESSION_DRAFT] = str(draft.pk)
    step = journey.first_unanswered(draft.answers)
    return redirect("reporting:step", slug=step.slug) if step else redirect("reporting:check-answers")


@require_safe
def home(request: StaffRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "safeplaces/home.html",
        {
            "reports": reports_for_organisation(user=user)[:200],
            "records": sealed_records_for_organisation(user=user).order_by("-sealed_at")[:200],
        },
    )


@never_cache
@require_http_methods(GET_POST)
def report_start(request: StaffRequest) -> HttpResponse:
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        draft = services.draft_start_for_safe_place(worker=request.user, consent=form.answers())
        return _into_journey(request, draft)
    return render(request, "safeplaces/consent.html", {"form": form, "title": "Report for a victim"})


@never_cache
@require_http_methods(GET_POST)
def sealed_new(request: StaffRequest) -> HttpResponse:
    form = SealedRecordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        record, code = sealed_records.sealed_record_create(worker=request.user, **form.cleaned_data)
        request.session[SESSION_NEW_CODE] = code
        return redirect("safeplace:sealed-created", record_id=record.pk)
    return render(request, "safeplaces/sealed_new.html", {"form": form})


@never_cache
@require_safe
def sealed_created(request: StaffRequest, record_id: uuid.UUID) -> HttpResponse:
    _own_record(request, record_id)  # another organisation's record is not found, code or no code
    code = request.session.pop(SESSION_NEW_CODE, None)
    if code is None:
        return redirect("safeplace:sealed", record_id=record_id)
    return render(request, "safeplaces/sealed_created.html", {"code": f"{code[:4]} {code[4:8]} {code[8:]}"})


def _own_record(request: StaffRequest, record_id: uuid.UUID) -> Any:
    record = sealed_records_for_organisation(user=request.user).filter(pk=record_id).first()
    if record is None:
        raise Http404
    return record


@never_cache
@require_safe
def sealed_detail(request: StaffRequest, record_id: uuid.UUID) -> HttpResponse:
    return _sealed_page(request, _own_record(request, record_id), IdentifierForm())


def _sealed_page(request: StaffRequest, record: Any, identifier_form: IdentifierForm) -> HttpResponse:
    sealed = record.status == SealedRecordStatus.SEALED
    contents = sealed_records.sealed_record_contents(record=record, worker=request.user) if sealed else None
    return render(
        request,
        "safeplaces/sealed_detail.html",
        {
            "record": record,
            "contents": contents,
            "consent_form": ConsentForm(),
            "identifier_form": identifier_form,
            "identifiers": record.identifiers.order_by("entered_at"),
            "matches": sealed_records.matches_for_record(record),
        },
    )


@never_cache
@require_POST
def sealed_identify(request: StaffRequest, record_id: uuid.UUID) -> HttpResponse:
    record = _own_record(request, record_id)
    form = IdentifierForm(request.POST)
    if not form.is_valid():
        return _sealed_page(request, record, form)
    try:
        added, matches = sealed_records.identifier_add(
            record_id=record.pk,
            worker=request.user,
            kind=form.cleaned_data["kind"],
            canonical=form.cleaned_data["canonical"],
        )
    except sealed_records.SealedRecordRefused as refused:
        form.add_error(None, str(refused))
        return _sealed_page(request, record, form)
    if not added:
        messages.info(request, "That identifier is already on this record.")
    elif matches:
        messages.success(request, "Identifier added. It matches another victim's sealed record: see below.")
    else:
        messages.success(request, "Identifier added. It does not match any other victim's record yet.")
    return redirect("safeplace:sealed", record_id=record.pk)


@require_POST
def sealed_action(request: StaffRequest, record_id: uuid.UUID, action: str) -> HttpResponse:
    record = _own_record(request, record_id)
    try:
        if action == "extend":
            sealed_records.sealed_record_extend(record_id=record.pk, worker=request.user)
            messages.success(request, "The record will be kept for longer.")
        elif action == "destroy":
            sealed_records.sealed_record_destroy(record_id=record.pk, worker=request.user)
            messages.success(request, "The record has been destroyed. It can never be read again.")
        elif action == "convert":
            form = ConsentForm(request.POST)
            if not form.is_valid():
                return render(
                    request,
                    "safeplaces/consent.html",
                    {"form": form, "title": "Turn the sealed record into a report"},
                )
            draft = sealed_records.sealed_record_convert(
                record_id=record.pk, worker=request.user, consent=form.answers()
            )
            return _into_journey(request, draft)
        else:
            raise Http404
    except sealed_records.SealedRecordRefused as refused:
        messages.error(request, str(refused))
    return redirect("safeplace:sealed", record_id=record.pk)


@require_safe
def matching_counts(request: StaffRequest) -> HttpResponse:
    return render(request, "safeplaces/matching.html", {"counts": sealed_records.matching_counts()})


@never_cache
@require_http_methods(GET_POST)
def workers(request: StaffRequest) -> HttpResponse:
    form = WorkerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            worker, code = accounts.safe_place_worker_add(actor=request.user, **form.cleaned_data)
        except accounts.WorkerChangeRefused as refused:
            form.add_error(None, str(refused))
        else:
            # Shown once, never stored: the administrator gives it to the worker in person.
            return render(request, "safeplaces/worker_added.html", {"worker": worker, "code": code})
    return render(
        request,
        "safeplaces/workers.html",
        {"form": form, "workers": workers_for_organisation(user=request.user)},
    )


@require_POST
def worker_deactivate(request: StaffRequest, worker_id: int) -> HttpResponse:
    try:
        worker = accounts.safe_place_worker_deactivate(actor=request.user, worker_id=worker_id)
    except accounts.WorkerNotFound:
        raise Http404 from None
    except accounts.WorkerChangeRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"{worker.get_full_name()} can no longer sign in.")
    return redirect("safeplace:workers")


@never_cache
@require_http_methods(GET_POST)
def appeal(request: StaffRequest, report_id: int) -> HttpResponse:
    """Appeal a refusal to record on behalf of the victim the organisation reported for."""
    report = reports_for_organisation(user=request.user).filter(pk=report_id).first()
    if report is None:
        raise Http404
    form = AppealForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            recording.appeal_submit(
                report_id=report.pk,
                reasons=form.cleaned_data["reasons"],
                made_by=f"{request.user.organisation} for the victim",
                actor=request.user,
            )
        except recording.RecordingRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Appeal sent for {report.reference}. The crime registrar will decide.")
            return redirect("safeplace:home")
    return render(request, "safeplaces/appeal.html", {"form": form, "report": report})

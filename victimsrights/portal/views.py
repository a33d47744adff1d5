"""The victim's own pages, reached by signing in with a reference and a one-time code."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.i18n import set_language

from victimsrights.cases.forms import MessageForm
from victimsrights.cases.models import CaseStatus
from victimsrights.cases.selectors import (
    case_for_report,
    case_messages_newest,
    hearings_to_come,
    support_referral_agreed,
)
from victimsrights.cases.services import message_from_victim
from victimsrights.complaints import services as complaints
from victimsrights.complaints.forms import ComplaintForm, EscalateForm
from victimsrights.complaints.selectors import complaints_of
from victimsrights.compliance.working_days import london_date
from victimsrights.feedback.forms import FeedbackForm
from victimsrights.feedback.models import Moment
from victimsrights.feedback.services import FeedbackRefused, feedback_decline, feedback_give, moment_due
from victimsrights.portal.forms import ContactPreferencesForm
from victimsrights.portal.selectors import report_for_victim, victim_timeline
from victimsrights.portal.services import contact_preferences_save, victim_language_choose, victim_report_open
from victimsrights.portal.session_keys import SESSION_VICTIM_SEALED_RECORD
from victimsrights.portal.support import support_for_victim
from victimsrights.recording import services as recording
from victimsrights.recording.forms import AppealForm
from victimsrights.recording.models import Appeal
from victimsrights.reporting.models import Report, ReportStatus
from victimsrights.reporting.selectors import SESSION_DRAFT
from victimsrights.reviews import rules
from victimsrights.reviews import services as reviews
from victimsrights.reviews.forms import ReviewRequestForm
from victimsrights.reviews.selectors import latest_review
from victimsrights.sealedrecords import services as sealed_records
from victimsrights.sealedrecords.models import SealedRecord


@never_cache
@require_safe
def report(request: HttpRequest) -> HttpResponse:
    own = victim_report_open(session=request.session)
    if own is None:
        return redirect("portal:sign-in")
    return _report_page(request, own)


def _report_page(request: HttpRequest, own: Report, *, message_form: MessageForm | None = None) -> HttpResponse:
    appeal = Appeal.objects.filter(report=own).first()
    case = case_for_report(report=own)
    reviewable = rules.reviewable(case) if case else None
    crime = getattr(own, "crime", None)
    refusal = own.refusals.order_by("-decided_at").first()
    review = latest_review(case=case) if case else None
    return render(
        request,
        "portal/report.html",
        {
            "report": own,
            "case": case,
            "timeline": victim_timeline(report=own, case=case, refusal=refusal),
            "hearings": hearings_to_come(case=case) if case else [],
            "property_items": case.property_items.all() if case else [],
            "case_messages": case_messages_newest(case=case) if case else [],
            "message_form": message_form or MessageForm(),
            "has_errors": bool(message_form and message_form.errors),
            "support_nearby": support_for_victim(area_id=own.area_id, crime=crime),
            "crime": crime,
            "refusal": refusal,
            "appeal": appeal,
            "can_appeal": own.status == ReportStatus.DECLINED and appeal is None,
            "complaints": complaints_of(report=own),
            "review": review,
            "can_ask_for_review": case is not None and reviews.review_eligible(case=case, found=reviewable),
            "reviewable": reviewable,
            "feedback_due": moment_due(report=own, case=case, review=review),
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def appeal(request: HttpRequest) -> HttpResponse:
    return _victim_form_page(
        request,
        form_class=AppealForm,
        template="portal/appeal.html",
        act=lambda own, data: recording.appeal_submit(
            report_id=own.pk, reasons=data["reasons"], made_by="the victim, online"
        ),
        refused=recording.RecordingRefused,
    )


def _own_sealed_record_id(request: HttpRequest) -> str | None:
    return request.session.get(SESSION_VICTIM_SEALED_RECORD)


@never_cache
@require_safe
def sealed_record(request: HttpRequest) -> HttpResponse:
    record_id = _own_sealed_record_id(request)
    record = SealedRecord.objects.filter(pk=record_id).defer("ciphertext", "wrapped_key").first() if record_id else None
    if record is None:
        return redirect("portal:sealed-sign-in")
    return render(request, "portal/sealed_record.html", {"record": record})


@require_POST
def sealed_record_action(request: HttpRequest, action: str) -> HttpResponse:
    record_id = _own_sealed_record_id(request)
    if not record_id:
        return redirect("portal:sealed-sign-in")
    try:
        if action == "extend":
            sealed_records.sealed_record_extend(record_id=record_id, worker=None)
        elif action == "destroy":
            sealed_records.sealed_record_destroy(record_id=record_id, worker=None)
        elif action == "report":
            draft = sealed_records.sealed_record_report_by_victim(record_id=record_id)
            request.session[SESSION_DRAFT] = str(draft.pk)
            return redirect("reporting:step", slug="in-danger")
        else:
            raise Http404
    except sealed_records.SealedRecordRefused:
        pass  # the page shows the record's current status
    return redirect("portal:sealed")


@never_cache
@require_POST
def message(request: HttpRequest) -> HttpResponse:
    own = report_for_victim(session=request.session)
    case = case_for_report(report=own) if own else None
    if own is None or case is None:
        return redirect("portal:report")
    form = MessageForm(request.POST)
    if form.is_valid():
        message_from_victim(case=case, body=form.cleaned_data["body"])
        messages.success(request, gettext("Your message has been sent to the officer in charge."))
        return redirect("portal:report")
    # An empty or too long message is said on the page, which is shown again: an audited read like any other.
    return _report_page(request, victim_report_open(session=request.session) or own, message_form=form)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contact_preferences(request: HttpRequest) -> HttpResponse:
    own = report_for_victim(session=request.session)
    if own is None:
        return redirect("portal:sign-in")
    contact = own.contact
    case = case_for_report(report=own)
    case_open = case is not None and case.status != CaseStatus.CLOSED
    initial = {
        "channels": contact.channels,
        "email": contact.email,
        "mobile": contact.mobile,
        "phone": contact.phone,
        "postal_address": contact.postal_address,
        "safe_times": contact.safe_times,
        "alerts": "yes" if contact.alerts_wanted else "no",
        "update_frequency": case.update_frequency if case else None,
        "referral": "no",  # consent is given, never assumed
    }
    form = ContactPreferencesForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        case_open=case_open,
        may_refer=case is not None and case_open and not support_referral_agreed(case),
    )
    if request.method == "POST" and form.is_valid():
        contact_preferences_save(report=own, answers=form.cleaned_data)
        return redirect("portal:report")
    return render(request, "portal/contact.html", {"form": form})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def review(request: HttpRequest) -> HttpResponse:
    """Ask for a decision not to charge to be reviewed. The service refuses what the Right does not cover."""
    own = report_for_victim(session=request.session)
    case = case_for_report(report=own) if own else None
    found = rules.reviewable(case) if case else None
    if case is None or found is None:
        return redirect("portal:report")
    if request.method != "POST" and not reviews.review_eligible(case=case, found=found):
        return redirect("portal:report")
    late = london_date(timezone.now()) > found.deadline
    form = ReviewRequestForm(request.POST if request.method == "POST" else None, late=late)
    if request.method == "POST" and form.is_valid():
        try:
            reviews.review_request(
                case_id=case.pk,
                reasons=form.cleaned_data["reasons"],
                late_reasons=form.cleaned_data.get("late_reasons", ""),
            )
        except reviews.ReviewRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, gettext("We have your request for a review."))
            return redirect("portal:report")
    context = {
        "form": form,
        "report": own,
        "case": case,
        "reviewable": found,
        "deadline": found.deadline,
        "cps_prompt_by": rules.cps_prompt_request_by(found.told_at),
        "late": late,
    }
    return render(request, "portal/review.html", context)


def _victim_form_page(
    request: HttpRequest,
    *,
    form_class: type,
    template: str,
    act: Any,
    refused: type[Exception] = complaints.ComplaintRefused,
    done_message: str = "",
) -> HttpResponse:
    """A form on the victim's own report: the service's refusal shows in the error summary."""
    own = report_for_victim(session=request.session)
    if own is None:
        return redirect("portal:sign-in")
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            act(own, form.cleaned_data)
        except refused as refusal:
            form.add_error(None, str(refusal))
        else:
            if done_message:
                messages.success(request, done_message)
            return redirect("portal:report")
    return render(request, template, {"form": form, "report": own})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def complaint(request: HttpRequest) -> HttpResponse:
    return _victim_form_page(
        request,
        form_class=ComplaintForm,
        template="portal/complaint.html",
        act=lambda own, data: complaints.complaint_make(report=own, what_went_wrong=data["what_went_wrong"]),
        done_message=gettext("We have your complaint. We will answer it on this page."),
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def complaint_escalate(request: HttpRequest) -> HttpResponse:
    return _victim_form_page(
        request,
        form_class=EscalateForm,
        template="portal/complaint_escalate.html",
        act=lambda own, data: complaints.complaint_escalate(report=own, why_not_satisfied=data["why_not_satisfied"]),
        done_message=gettext("Your complaint has gone to the Victims Commissioner."),
    )


def _feedback_moment(own: Report) -> Moment | None:
    case = case_for_report(report=own)
    return moment_due(report=own, case=case, review=latest_review(case=case) if case else None)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request: HttpRequest) -> HttpResponse:
    """Optional, once at each moment: how we did. The answers are kept apart from the case."""
    own = report_for_victim(session=request.session)
    moment = _feedback_moment(own) if own else None
    if own is None or moment is None:
        return redirect("portal:report")
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            feedback_give(report=own, moment=moment, answers=form.cleaned_data)
        except FeedbackRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, gettext("Thank you for telling us. Nobody dealing with your case will see it."))
            return redirect("portal:report")
    return render(request, "feedback/give.html", {"form": form, "moment": moment})


@require_POST
def feedback_decline_view(request: HttpRequest) -> HttpResponse:
    own = report_for_victim(session=request.session)
    moment = _feedback_moment(own) if own else None
    if own is not None and moment is not None:
        feedback_decline(report=own, moment=moment)
    return redirect("portal:report")


@require_POST
def language_choose(request: HttpRequest) -> HttpResponse:
    """The language switch on every victim page (Django's set_language keeps it in a cookie); a signed-in victim's
    messages follow it too."""
    response = set_language(request)
    victim_language_choose(session=request.session, language=request.POST.get("language", ""))
    return response

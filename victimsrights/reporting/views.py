"""The online report journey. Thin: parse the form, call a service, render or redirect."""

import datetime
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from victimsrights import ratelimit
from victimsrights.notify.senders import NotSent
from victimsrights.reporting import journey, services
from victimsrights.reporting.forms import ResumeForm, SaveForm, SubmitForm
from victimsrights.reporting.selectors import (
    SESSION_DRAFT,
    SESSION_REFERENCE,
    draft_for_resume_code,
    draft_for_session,
    report_for_reference,
    report_for_submission_key,
)

GET_POST = ["GET", "HEAD", "POST"]
SESSION_SAVED = "draft_saved"
SAFE_TIME_SLACK = datetime.timedelta(minutes=5)  # sooner than this is "now" to the person reading


def _step_url(step: journey.Step | None) -> str:
    if step is None:
        return reverse("reporting:check-answers")
    return reverse("reporting:step", kwargs={"slug": step.slug})


def _back_url(answers: journey.Answers, slug: str) -> str:
    previous = journey.previous_step(answers, slug)
    return _step_url(previous) if previous else reverse("reporting:start")


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/start.html", {"first_step_url": _step_url(journey.next_step({}))})


@never_cache
@require_http_methods(GET_POST)
def call_999(request: HttpRequest) -> HttpResponse:
    """The interruption after "yes, in danger". Carrying on records that the victim said they are now safe."""
    draft = draft_for_session(session=request.session)
    if request.method == "POST" and draft is not None:
        draft = services.draft_answer(draft=draft, step_slug="in-danger", answer=journey.SAFE_AFTER_DANGER)
        return redirect(_step_url(journey.next_step(draft.answers, "in-danger")))
    if request.method == "POST":
        return redirect("reporting:start")
    return render(request, "reporting/call_999.html")


@never_cache
@require_http_methods(GET_POST)
def step(request: HttpRequest, slug: str) -> HttpResponse:
    current = journey.STEPS_BY_SLUG.get(slug)
    if current is None:
        raise Http404
    draft = draft_for_session(session=request.session)
    answers: journey.Answers = draft.answers if draft else {}
    if not current.applies(answers):
        return redirect(_step_url(journey.next_step(answers, slug)))

    if request.method == "POST":
        form = current.form_class(request.POST)
        if form.is_valid():
            if draft is None:
                draft = services.draft_start()
                request.session[SESSION_DRAFT] = str(draft.pk)
            draft = services.draft_answer(draft=draft, step_slug=slug, answer=form.answers())
            if request.POST.get("action") == "save":
                return redirect("reporting:save")
            if slug == "in-danger" and form.cleaned_data["in_danger"] == "yes":
                return redirect("reporting:call-999")
            if request.GET.get("change") and journey.first_unanswered(draft.answers) is None:
                return redirect("reporting:check-answers")
            return redirect(_step_url(journey.next_step(draft.answers, slug)))
    else:
        form = current.form_class(initial=answers.get(slug, {}))
    return render(
        request,
        f"reporting/steps/{slug}.html",
        {
            "form": form,
            "step": current,
            "back_url": _back_url(answers, slug),
            "can_save": True,
            "for_a_victim": bool(draft and draft.started_by_id),
        },
    )


@never_cache
@require_http_methods(GET_POST)
def check_answers(request: HttpRequest) -> HttpResponse:
    draft = draft_for_session(session=request.session)
    if request.method == "POST":
        form = SubmitForm(request.POST)
        if not form.is_valid():
            return redirect("reporting:check-answers")
        key = form.cleaned_data["submission_key"]
        if draft is None:
            # A retry after the report went through (or after "Exit this page").
            report = report_for_submission_key(submission_key=str(key))
            if report is None:
                return redirect("reporting:start")
        else:
            try:
                report = services.report_submit(draft=draft, submission_key=key, language=translation.get_language())
            except services.JourneyIncomplete as incomplete:
                return redirect("reporting:step", slug=incomplete.step_slug)
            except services.StaleSubmission:
                return redirect("reporting:check-answers")
        request.session.pop(SESSION_DRAFT, None)
        request.session[SESSION_REFERENCE] = report.reference
        return redirect("reporting:confirmation")

    if draft is None:
        return redirect("reporting:start")
    missing = journey.first_unanswered(draft.answers)
    if missing is not None:
        return redirect(_step_url(missing))
    return render(
        request,
        "reporting/check_answers.html",
        {
            "rows": journey.summary_rows(draft.answers),
            "form": SubmitForm(initial={"submission_key": draft.submission_key}),
            "back_url": _step_url(journey.steps_for(draft.answers)[-1]),
            "for_a_victim": draft.started_by_id is not None,
        },
    )


@never_cache
@require_safe
def confirmation(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(SESSION_REFERENCE)
    report = report_for_reference(reference=reference) if reference else None
    if report is None:
        return redirect("reporting:start")
    acknowledgement = report.deliveries.order_by("created_at").first()
    waits = (
        acknowledgement is not None
        and acknowledgement.channel != "letter"
        and acknowledgement.not_before > timezone.now() + SAFE_TIME_SLACK
    )
    context = {
        "reference": reference,
        "report": report,
        "acknowledgement": acknowledgement,
        "waits_for_safe_time": waits,
        "for_a_victim": report.safe_place_id is not None,
    }
    return render(request, "reporting/confirmation.html", context)


@never_cache
@require_http_methods(GET_POST)
def save(request: HttpRequest) -> HttpResponse:
    draft = draft_for_session(session=request.session)
    if draft is None:
        return redirect("reporting:start")
    form = SaveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not ratelimit.allow(
            scope="save-ip",
            identifier=ratelimit.client_ip(request),
            limit=settings.SAVE_CODES_PER_HOUR,
            window_seconds=3600,
        ):
            form.add_error("email", "You have asked for too many codes. Wait an hour, then try again")
            return render(request, "reporting/save.html", _save_context(form, draft.answers))
        # Each address gets a few codes an hour, whoever asks; past that nothing is sent and the code already
        # sent still works. The answer is the same either way, so it says nothing about who else uses an address.
        if ratelimit.allow(
            scope="save-email", identifier=email.casefold(), limit=settings.SAVE_CODES_PER_ADDRESS, window_seconds=3600
        ):
            try:
                services.draft_save_for_later(draft=draft, email=email)
            except NotSent:
                form.add_error(None, "Sorry, we could not send the email just now. Try again in a few minutes.")
                return render(request, "reporting/save.html", _save_context(form, draft.answers))
        request.session[SESSION_SAVED] = True  # not the address: nothing a victim typed stays in the session
        return redirect("reporting:saved")
    return render(request, "reporting/save.html", _save_context(form, draft.answers))


def _save_context(form: SaveForm, answers: dict[str, Any]) -> dict[str, Any]:
    return {"form": form, "back_url": _resume_point(answers), "lifetime_days": settings.DRAFT_LIFETIME_DAYS}


@never_cache
@require_safe
def saved(request: HttpRequest) -> HttpResponse:
    if not request.session.get(SESSION_SAVED):
        return redirect("reporting:start")
    return render(
        request,
        "reporting/saved.html",
        {"continue_url": reverse("reporting:resume"), "lifetime_days": settings.DRAFT_LIFETIME_DAYS},
    )


@never_cache
@require_http_methods(GET_POST)
def resume(request: HttpRequest) -> HttpResponse:
    draft = draft_for_session(session=request.session)
    if draft is not None and request.method != "POST":
        return redirect(_resume_point(draft.answers))
    form = ResumeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        allowed = ratelimit.allow(
            scope="resume",
            identifier=ratelimit.client_ip(request),
            limit=settings.RESUME_ATTEMPTS_PER_HOUR,
            window_seconds=3600,
        )
        found = draft_for_resume_code(code=form.cleaned_data["code"]) if allowed else None
        if found is not None:
            request.session.cycle_key()
            request.session[SESSION_DRAFT] = str(found.pk)
            return redirect(_resume_point(found.answers))
        form.add_error(
            "code",
            "The code is not right, or it has expired. Check the email we sent you and try again"
            if allowed
            else "You have tried too many codes. Wait an hour, then try again",
        )
    return render(request, "reporting/resume.html", {"form": form})


def _resume_point(answers: dict[str, Any]) -> str:
    return _step_url(journey.first_unanswered(answers))

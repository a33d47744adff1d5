"""Victim sign-in pages: a report reference, crime number or record code, then a one-time code; and sign-out."""

from collections.abc import Callable

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from victimsrights import ratelimit
from victimsrights.portal import sign_in
from victimsrights.portal.forms import SealedRecordSignInForm, VictimCodeForm, VictimSignInForm
from victimsrights.portal.models import VictimAccessCode
from victimsrights.portal.session_keys import SESSION_VICTIM_REPORT, SESSION_VICTIM_SEALED_RECORD

VICTIM_ACCESS = "victim_access_id"
VICTIM_ACCESS_SEALED = "victim_access_sealed"  # the code asked for opens a sealed record, not a report


def _ask_for_code(
    request: HttpRequest,
    *,
    form_class: type[forms.Form],
    field: str,
    request_code: Callable[[str], VictimAccessCode],
    template: str,
    limit_per_address: int,
) -> HttpResponse:
    """Take a reference or record code, queue a one-time code, and always answer alike."""
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        identifier = form.cleaned_data[field]
        # Per address only: a limit per reference would let a stranger use up the victim's own way in.
        allowed = ratelimit.allow(
            scope=f"{field}-ip", identifier=ratelimit.client_ip(request), limit=limit_per_address, window_seconds=3600
        )
        if allowed:
            request.session[VICTIM_ACCESS] = str(request_code(identifier).pk)
            request.session[VICTIM_ACCESS_SEALED] = field == "record_code"
            return redirect("portal:code")
        form.add_error(field, _("You have asked for too many codes. Wait an hour, then try again"))
    return render(request, template, {"form": form})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def victim_sign_in(request: HttpRequest) -> HttpResponse:
    return _ask_for_code(
        request,
        form_class=VictimSignInForm,
        field="identifier",
        request_code=lambda identifier: sign_in.victim_code_request(identifier=identifier),
        template="portal/victim_sign_in.html",
        limit_per_address=30,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def victim_code(request: HttpRequest) -> HttpResponse:
    access_id = request.session.get(VICTIM_ACCESS)
    form = VictimCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        access = sign_in.victim_code_verify(access_id=access_id, code=form.cleaned_data["code"]) if access_id else None
        if access is not None:
            request.session.cycle_key()
            request.session.pop(VICTIM_ACCESS, None)
            if access.sealed_record_id:
                request.session[SESSION_VICTIM_SEALED_RECORD] = str(access.sealed_record_id)
                return redirect("portal:sealed")
            request.session[SESSION_VICTIM_REPORT] = access.report_id
            return redirect("portal:report")
        if access_id and sign_in.code_still_usable(access_id=access_id):
            form.add_error("code", _("The code is not right, or it has expired. Check the email we sent you"))
        else:
            request.session.pop(VICTIM_ACCESS, None)
            form.add_error("code", _("This code can no longer be used. Ask for a new code"))
    sealed = bool(request.session.get(VICTIM_ACCESS_SEALED))
    return render(request, "portal/victim_code.html", {"form": form, "sealed": sealed})


@require_POST
def victim_sign_out(request: HttpRequest) -> HttpResponse:
    """Sign out on a shared device: the session ends and the browser keeps nothing of the service."""
    request.session.flush()
    response = render(request, "portal/victim_signed_out.html")
    response["Cache-Control"] = "no-store"
    response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def sealed_record_sign_in(request: HttpRequest) -> HttpResponse:
    return _ask_for_code(
        request,
        form_class=SealedRecordSignInForm,
        field="record_code",
        request_code=lambda code: sign_in.sealed_record_code_request(record_code=code),
        template="portal/sealed_record_sign_in.html",
        limit_per_address=5,  # record codes are secrets: asking is guessing
    )

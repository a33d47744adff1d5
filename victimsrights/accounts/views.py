import base64
import io
from collections.abc import Callable

from django import forms
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp.qr import write_qrcode_image

from victimsrights import ratelimit
from victimsrights.accounts import services, victims
from victimsrights.accounts.forms import (
    EnrolForm,
    SealedRecordSignInForm,
    SecondFactorForm,
    SignInForm,
    VictimCodeForm,
    VictimSignInForm,
)
from victimsrights.accounts.models import VictimAccessCode
from victimsrights.permissions import start_pages_for


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


SESSION_ENROLLING = "staff_enrolling_user_id"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """A new account: the enrolment code and the person's own password, then their authenticator app."""
    form = EnrolForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.staff_enrolment_redeem(
                username=data["username"], code=data["code"], password=data["password"]
            )
        except services.EnrolmentRefused:
            form.add_error("code", "The username or enrolment code is not right, or the code has been used or expired")
        except ValidationError as invalid:
            form.add_error("password", invalid)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            request.session[SESSION_ENROLLING] = user.pk
            return redirect("accounts:second-factor")
    return render(request, "accounts/enrol.html", {"form": form})


class SignOutView(auth_views.LogoutView):
    next_page = "accounts:sign-in"


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/home.html", {"start_pages": start_pages_for(request.user)})


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
        form.add_error(field, "You have asked for too many codes. Wait an hour, then try again")
    return render(request, template, {"form": form})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def victim_sign_in(request: HttpRequest) -> HttpResponse:
    return _ask_for_code(
        request,
        form_class=VictimSignInForm,
        field="identifier",
        request_code=lambda identifier: victims.victim_code_request(identifier=identifier),
        template="accounts/victim_sign_in.html",
        limit_per_address=30,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def victim_code(request: HttpRequest) -> HttpResponse:
    access_id = request.session.get(VICTIM_ACCESS)
    form = VictimCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        access = victims.victim_code_verify(access_id=access_id, code=form.cleaned_data["code"]) if access_id else None
        if access is not None:
            request.session.cycle_key()
            request.session.pop(VICTIM_ACCESS, None)
            if access.sealed_record_id:
                request.session[victims.SESSION_VICTIM_SEALED_RECORD] = str(access.sealed_record_id)
                return redirect("portal:sealed")
            request.session[victims.SESSION_VICTIM_REPORT] = access.report_id
            return redirect("portal:report")
        if access_id and victims.code_still_usable(access_id=access_id):
            form.add_error("code", "The code is not right, or it has expired. Check the email we sent you")
        else:
            request.session.pop(VICTIM_ACCESS, None)
            form.add_error("code", "This code can no longer be used. Ask for a new code")
    sealed = bool(request.session.get(VICTIM_ACCESS_SEALED))
    return render(request, "accounts/victim_code.html", {"form": form, "sealed": sealed})


@require_POST
def victim_sign_out(request: HttpRequest) -> HttpResponse:
    """Sign out on a shared device: the session ends and the browser keeps nothing of the service."""
    request.session.flush()
    response = render(request, "accounts/victim_signed_out.html")
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
        request_code=lambda code: victims.sealed_record_code_request(record_code=code),
        template="accounts/sealed_record_sign_in.html",
        limit_per_address=5,  # record codes are secrets: asking is guessing
    )


@never_cache
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    """After the password: the code from the authenticator app, or, the first time, setting the app up."""
    user = request.user
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if user.is_verified():  # type: ignore[union-attr]
        return redirect(next_url or "accounts:home")
    device = services.second_factor_device(user)  # type: ignore[arg-type]
    if device is None and request.session.get(SESSION_ENROLLING) != user.pk:
        # Setting the app up needs the enrolment code, not only the password: see `enrol`.
        return render(request, "accounts/enrolment_needed.html", status=403)
    enrolling = services.second_factor_enrolment(user) if device is None else None  # type: ignore[arg-type]
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.second_factor_check(request=request, user=user, code=form.cleaned_data["code"]):  # type: ignore[arg-type]
            request.session.pop(SESSION_ENROLLING, None)
            return redirect(next_url or "accounts:home")
        form.add_error("code", "That code is not right or has expired. Enter the code the app shows now")
    qr_code = ""
    if enrolling is not None:
        out = io.BytesIO()
        write_qrcode_image(enrolling.config_url, out)
        qr_code = "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()
    return render(
        request,
        "accounts/second_factor.html",
        {
            "form": form,
            "next": next_url,
            "enrolling": enrolling,
            "key": base64.b32encode(enrolling.bin_key).decode() if enrolling else "",
            "qr_code": qr_code,
        },
    )

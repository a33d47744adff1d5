from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from victimsrights import ratelimit
from victimsrights.accounts import victims
from victimsrights.accounts.forms import SealedRecordSignInForm, SignInForm, VictimCodeForm, VictimSignInForm


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    next_page = "accounts:sign-in"


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/home.html")


VICTIM_ACCESS = "victim_access_id"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def victim_sign_in(request: HttpRequest) -> HttpResponse:
    form = VictimSignInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        identifier = form.cleaned_data["identifier"]
        allowed = ratelimit.allow(
            scope="victim-sign-in-ip", identifier=ratelimit.client_ip(request), limit=30, window_seconds=3600
        ) and ratelimit.allow(
            scope="victim-sign-in-id", identifier="".join(identifier.split()).upper(), limit=5, window_seconds=3600
        )
        if allowed:
            access = victims.victim_code_request(identifier=identifier)
            request.session[VICTIM_ACCESS] = str(access.pk)
            return redirect("portal:code")
        form.add_error("identifier", "You have asked for too many codes. Wait an hour, then try again")
    return render(request, "accounts/victim_sign_in.html", {"form": form})


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
    return render(request, "accounts/victim_code.html", {"form": form})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def sealed_record_sign_in(request: HttpRequest) -> HttpResponse:
    form = SealedRecordSignInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        record_code = form.cleaned_data["record_code"]
        allowed = ratelimit.allow(
            scope="sealed-sign-in-ip", identifier=ratelimit.client_ip(request), limit=30, window_seconds=3600
        ) and ratelimit.allow(
            scope="sealed-sign-in-code", identifier="".join(record_code.split()).upper(), limit=5, window_seconds=3600
        )
        if allowed:
            access = victims.sealed_record_code_request(record_code=record_code)
            request.session[VICTIM_ACCESS] = str(access.pk)
            return redirect("portal:code")
        form.add_error("record_code", "You have asked for too many codes. Wait an hour, then try again")
    return render(request, "accounts/sealed_record_sign_in.html", {"form": form})

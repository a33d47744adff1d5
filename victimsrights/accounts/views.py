import base64
import io

from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_otp.qr import write_qrcode_image

from victimsrights.accounts import services
from victimsrights.accounts.forms import EnrolForm, SecondFactorForm, SignInForm
from victimsrights.http import StaffRequest
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


@never_cache
@require_http_methods(["GET", "POST"])
def second_factor(request: StaffRequest) -> HttpResponse:
    """After the password: the code from the authenticator app, or, the first time, setting the app up."""
    user = request.user
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if user.is_verified():  # type: ignore[attr-defined]  # django-otp adds it
        return redirect(next_url or "accounts:home")
    device = services.second_factor_device(user)
    if device is None and request.session.get(SESSION_ENROLLING) != user.pk:
        # Setting the app up needs the enrolment code, not only the password: see `enrol`.
        return render(request, "accounts/enrolment_needed.html", status=403)
    enrolling = services.second_factor_enrolment(user) if device is None else None
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.second_factor_check(request=request, user=user, code=form.cleaned_data["code"]):
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

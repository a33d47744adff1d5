"""Service-wide pages: the start, "Exit this page", and the static information pages."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


def exit_page(request: HttpRequest) -> HttpResponse:
    """Leave at once: end the session (draft stays saved server-side) and go to a neutral site."""
    request.session.flush()
    response = HttpResponseRedirect(settings.EXIT_PAGE_URL)
    response["Cache-Control"] = "no-store"
    # Leave nothing of this site in the browser: its cookies (the CSRF cookie lives a year), cache and storage.
    response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    response.delete_cookie(settings.CSRF_COOKIE_NAME)
    response.delete_cookie(settings.SESSION_COOKIE_NAME)
    return response


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy.html")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A stale form (for example after the session ended): explain, and offer a way back."""
    return render(
        request,
        "csrf_failure.html",
        {"start_url": reverse("reporting:start")},
        status=403,
    )

"""GOV.UK Notify's delivery-status callback (machine to machine, bearer token), and the letters staff print."""

import hmac
import json

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from victimsrights.http import StaffRequest
from victimsrights.notify import services
from victimsrights.recording.selectors import reports_in_scope


def _problem(status: int, title: str) -> JsonResponse:
    return JsonResponse({"title": title, "status": status}, status=status, content_type="application/problem+json")


@csrf_exempt
@require_POST
def notify_callback(request: HttpRequest) -> JsonResponse:
    expected = f"Bearer {settings.NOTIFY_CALLBACK_TOKEN}"
    if not settings.NOTIFY_CALLBACK_TOKEN or not hmac.compare_digest(
        request.headers.get("Authorization", ""), expected
    ):
        return _problem(401, "A valid bearer token is required")
    try:
        payload = json.loads(request.body)
        reference, status = str(payload["reference"]), str(payload["status"])
    except (ValueError, KeyError, TypeError):
        return _problem(400, "The body must be JSON with 'reference' and 'status'")
    try:
        found = services.delivery_status_from_notify(reference=reference, status=status)
    except Exception:
        found = False
    if not found:
        return _problem(404, "No message has that reference")
    return JsonResponse({"status": "ok"})


@require_http_methods(["GET", "HEAD", "POST"])
def letters(request: StaffRequest) -> HttpResponse:
    """Letters to victims who asked for post, when GOV.UK Notify does not send them: print, post, then say so."""
    reports = reports_in_scope(user=request.user)
    if request.method == "POST":
        try:
            services.letter_mark_posted(delivery_id=request.POST.get("letter", ""), reports=reports, actor=request.user)
        except services.DeliveryRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, "Letter marked as posted.")
        return redirect("notify:letters")
    waiting, total = services.letters_open(reports=reports, actor=request.user)
    return render(request, "notify/letters.html", {"letters": waiting, "total": total})

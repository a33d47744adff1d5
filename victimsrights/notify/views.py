"""GOV.UK Notify's delivery-status callback (machine to machine, bearer token)."""

import hmac
import json

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from victimsrights.notify.services import alert_delivery_status


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
        found = alert_delivery_status(reference=reference, status=status)
    except Exception:
        found = False
    if not found:
        return _problem(404, "No alert has that reference")
    return JsonResponse({"status": "ok"})

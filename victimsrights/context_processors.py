from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from victimsrights.portal.session_keys import SESSION_VICTIM_REPORT, SESSION_VICTIM_SEALED_RECORD


def service(request: HttpRequest) -> dict[str, Any]:
    session = getattr(request, "session", {})
    return {
        "service_name": settings.SERVICE_NAME,
        "neutral_title": settings.NEUTRAL_TITLE,
        "victim_signed_in": SESSION_VICTIM_REPORT in session or SESSION_VICTIM_SEALED_RECORD in session,
        "service_languages": settings.LANGUAGES if len(settings.LANGUAGES) > 1 else [],
        "translation_awaiting_review": translation.get_language() in settings.LANGUAGES_AWAITING_REVIEW,
    }

"""Which language a page is in. Victims choose theirs (Victims' Code Right 1); staff pages are in English."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

# Pages for police, safe-place and commissioner staff, and the machine interfaces: English, whatever the browser
# asks for, so no staff page mixes a victim's language with words not yet translated.
ENGLISH_ONLY_PREFIXES = ("/staff/", "/safe-place/", "/api/", "/notify/")


def language_offered(language: str) -> bool:
    """Whether the service offers `language` (settings.LANGUAGES); anything else is refused, never stored."""
    return language in dict(settings.LANGUAGES)


class StaffPagesInEnglish:
    """After Django's LocaleMiddleware: switch staff pages back to the service's own language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(ENGLISH_ONLY_PREFIXES):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)

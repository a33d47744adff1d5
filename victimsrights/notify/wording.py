"""How every message to a victim is worded and who it comes from, in one place for every kind.

Messages are plain text, rendered by the "text" template engine, which does not HTML-escape. A victim who
asked for neutral wording gets messages with no police or crime word and no identifier in them, from a
sender whose address says nothing either, linking to a sign-in address that says nothing.
"""

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def render_text(template: str, context: dict[str, Any]) -> str:
    return render_to_string(template, context, using="text")


def sign_in_url(*, neutral: bool) -> str:
    return settings.SERVICE_URL + reverse("sign-in" if neutral else "portal:sign-in")


def from_address(*, neutral: bool) -> str:
    return settings.NEUTRAL_FROM_EMAIL if neutral else settings.DEFAULT_FROM_EMAIL


NEUTRAL_SUBJECT = _("A message for you")

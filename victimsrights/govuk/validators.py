"""Validators every form shares, with messages in the GOV.UK style."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

UK_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
UK_PHONE = re.compile(r"^(?:\+44|0)\d{9,10}$")
UK_MOBILE = re.compile(r"^(?:\+447|07)\d{9}$")
PHONE_PUNCTUATION = re.compile(r"[\s\-().]")


def reject_control_characters(value: str) -> None:
    """Line breaks and tabs are fine; other invisible control characters are not. A NUL is left to the
    check every Django CharField already makes, so it is reported once."""
    if any(unicodedata.category(char) == "Cc" and char not in "\n\r\t\x00" for char in value):
        raise ValidationError(_("Remove any special or invisible characters, then try again."), code="control")


def normalise_postcode(value: str) -> str:
    """Return the postcode as 'SW1A 1AA', or raise ValidationError."""
    compact = re.sub(r"\s+", "", value).upper()
    match = UK_POSTCODE.match(compact)
    if not match:
        raise ValidationError(_("Enter a real postcode, like SW1A 1AA"), code="postcode")
    return f"{match.group(1)} {match.group(2)}"


def normalise_phone(value: str, *, mobile: bool = False) -> str:
    compact = PHONE_PUNCTUATION.sub("", value)
    pattern = UK_MOBILE if mobile else UK_PHONE
    if not pattern.match(compact):
        if mobile:
            raise ValidationError(_("Enter a UK mobile phone number, like 07700 900 982"), code="phone")
        raise ValidationError(_("Enter a UK phone number, like 01632 960 001 or 07700 900 982"), code="phone")
    return compact

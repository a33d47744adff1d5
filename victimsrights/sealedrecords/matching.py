"""Identifiers of a perpetrator, normalised and kept only as keyed hashes (HMAC-SHA256) for matching.

Two victims who name the same phone number, email address, social media profile, or full name with date of birth,
produce the same hash; nobody can turn a hash back into the identifier without the matching key, which is
configured outside the database as MATCHING_KEYS="v2:<base64 32 bytes>,v1:<...>" (newest first, as the
sealed-records key). While keys rotate, a new identifier is looked up under every configured version.
"""

import datetime
import hmac
import re
import unicodedata
from hashlib import sha256
from urllib.parse import parse_qs, urlsplit

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from victimsrights import keyring

PHONE_REGION = "GB"  # numbers written without +44 are read as UK numbers
PLATFORMS = {
    "instagram": "Instagram",
    "x": "X (Twitter)",
    "facebook": "Facebook",
    "tiktok": "TikTok",
    "snapchat": "Snapchat",
}
HOST_PLATFORMS = {
    "instagram.com": "instagram",
    "x.com": "x",
    "twitter.com": "x",
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "tiktok.com": "tiktok",
    "snapchat.com": "snapchat",
}
HANDLE = re.compile(r"^[a-z0-9._-]{1,64}$")


def normalise_phone(value: str) -> str:
    """E.164, like +447700900982."""
    try:
        number = phonenumbers.parse(value, PHONE_REGION)
    except phonenumbers.NumberParseException:
        number = None
    # Possible rather than valid: a number in a range newer than the library's metadata must not be refused.
    if (
        number is None
        or phonenumbers.is_possible_number_with_reason(number) != phonenumbers.ValidationResult.IS_POSSIBLE
    ):
        raise ValidationError("Enter a phone number, like 07700 900 982 or +44 7700 900 982")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(value: str) -> str:
    email = value.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError("Enter an email address in the correct format, like name@example.com") from None
    return email


def normalise_profile(value: str, platform: str = "") -> str:
    """A profile link or a handle on a named platform, as "<platform>:<handle>"; another site's link as its
    address without scheme, "www." or query."""
    value = value.strip()
    if value.startswith("@") or ("/" not in value and platform):
        if platform not in PLATFORMS:
            raise ValidationError("Choose the platform the handle is on, or enter a link to the profile")
        return _handle(platform, value.lstrip("@"))
    try:
        parts = urlsplit(value if "://" in value else f"https://{value}")
    except ValueError:  # like "https://[" : not a link
        parts = urlsplit("")
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.").removeprefix("mobile.")
    segments = [segment for segment in parts.path.split("/") if segment]
    if "." not in host or not segments:
        raise ValidationError("Enter a link to the profile, like https://www.instagram.com/name, or a handle")
    known = HOST_PLATFORMS.get(host)
    if known == "facebook" and segments[:1] == ["profile.php"]:
        profile_id = parse_qs(parts.query).get("id", [""])[0]
        if profile_id.isdigit():
            return f"facebook:id:{profile_id}"
    if known == "snapchat" and segments[:1] == ["add"]:
        segments = segments[1:]
    if known and segments:
        return _handle(known, segments[0].lstrip("@"))
    return f"{host}/{'/'.join(segments).lower()}"


def _handle(platform: str, handle: str) -> str:
    handle = handle.lower()
    if not HANDLE.match(handle):
        raise ValidationError("Enter the handle using letters, numbers, full stops, dashes and underscores only")
    return f"{platform}:{handle}"


def normalise_name(full_name: str, date_of_birth: datetime.date) -> str:
    """Case, accents, punctuation and spacing do not matter: "Seán  O'Brien" is "sean obrien"."""
    folded = unicodedata.normalize("NFKD", full_name.casefold())
    letters = "".join(char for char in folded if not unicodedata.combining(char))
    words = re.sub(r"[^\w\s]", "", letters).split()
    if len(words) < 2:
        raise ValidationError("Enter their full name, with a first name and a last name")
    return f"{' '.join(words)}|{date_of_birth.isoformat()}"


def digest(kind: str, canonical: str, *, version: str) -> str:
    key = keyring.parse(settings.MATCHING_KEYS).key(version)
    return hmac.new(key, f"{kind}:{canonical}".encode(), sha256).hexdigest()


def current_version() -> str:
    return keyring.parse(settings.MATCHING_KEYS).current


def digests_under_every_version(kind: str, canonical: str) -> dict[str, str]:
    """{version: digest} for every configured key, so matches hold while keys rotate."""
    return {version: digest(kind, canonical, version=version) for version in keyring.parse(settings.MATCHING_KEYS).keys}

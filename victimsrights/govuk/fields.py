"""Form fields with GOV.UK-style error messages, shared by every form."""

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from victimsrights.govuk.validators import reject_control_characters

ACCOUNT_MAX = 20_000
SHORT_MAX = 500


# A string, or one marked for translation and looked up in the reader's language when shown.
if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

    Words = str | StrPromise
else:
    Words = str | Promise


def text(
    label: Words,
    *,
    name: str = "",
    required: bool = True,
    max_length: int = SHORT_MAX,
    area: bool = False,
    required_message: Words | None = None,
    too_long_message: Words | None = None,
    help_text: Words = "",
    attrs: dict[str, str] | None = None,
) -> forms.CharField:
    """A text field. Error messages call it `name` ("Your reasons must be ..."), or the label when the label is
    already a short name: a question or an "(optional)" label never goes into an error message. A victim's page
    gives both messages whole, marked for translation: a sentence built from parts cannot be translated."""
    derived = (required and required_message is None) or too_long_message is None
    name = name or (str(label) if derived else "")
    if derived and ("?" in name or "(optional)" in name):
        raise ValueError(f"Give the field {label!r} a name for its error messages, like name='Your reasons'")
    widget = forms.Textarea(attrs={"rows": "8", **(attrs or {})}) if area else forms.TextInput(attrs=attrs or {})
    messages: dict[str, Words] = {
        "max_length": too_long_message
        if too_long_message is not None
        else f"{name} must be {max_length:,} characters or fewer",
        "null_characters_not_allowed": _("Remove any special or invisible characters, then try again."),
    }
    if required:
        messages["required"] = (
            required_message if required_message is not None else f"Enter {name[:1].lower()}{name[1:]}"
        )
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=widget,
        help_text=help_text,
        validators=[reject_control_characters],
        error_messages=messages,
    )


def choice(
    label: Words, choices: Sequence[tuple[str, Words]], required_message: Words, help_text: Words = ""
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


def several(
    label: Words, choices: Sequence[tuple[str, Words]], required_message: Words, help_text: Words = ""
) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


# What a date input is missing, whole, so that each language can say it its own way.
_MISSING_PARTS = {
    ("day",): _("a day"),
    ("month",): _("a month"),
    ("year",): _("a year"),
    ("day", "month"): _("a day and month"),
    ("day", "year"): _("a day and year"),
    ("month", "year"): _("a month and year"),
}


def date_parts(data: dict[str, Any], prefix: str) -> tuple[str, str, str]:
    """What was typed into the day, month and year boxes of the GOV.UK date input named `prefix`."""
    day, month, year = (str(data.get(f"{prefix}_{part}") or "").strip() for part in ("day", "month", "year"))
    return day, month, year


def date_from_parts(day: str, month: str, year: str, *, name: Words) -> datetime.date:
    """A past date from a GOV.UK date input's three fields, with the design system's error messages. `name` is
    the date's name in the reader's language ("The date it happened")."""
    missing = tuple(part for part, value in (("day", day), ("month", month), ("year", year)) if not value)
    if missing:
        raise ValidationError(gettext("{name} must include {parts}").format(name=name, parts=_MISSING_PARTS[missing]))
    if not (day.isdigit() and month.isdigit() and year.isdigit()):
        raise ValidationError(gettext("{name} must be a real date, using numbers only").format(name=name))
    if len(year) != 4:
        raise ValidationError(gettext("The year must include 4 numbers, like 2026"))
    try:
        value = datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise ValidationError(gettext("{name} must be a real date").format(name=name)) from None
    if value > timezone.localdate():
        raise ValidationError(gettext("{name} must be today or in the past").format(name=name))
    if value.year < 1900:
        raise ValidationError(gettext("{name} must be after 1900").format(name=name))
    return value

"""Form fields with GOV.UK-style error messages, shared by every form."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from victimsrights.govuk.validators import reject_control_characters

ACCOUNT_MAX = 20_000
SHORT_MAX = 500


def text(
    label: str,
    *,
    name: str = "",
    required: bool = True,
    max_length: int = SHORT_MAX,
    area: bool = False,
    required_message: str = "",
    too_long_message: str = "",
    help_text: str = "",
    attrs: dict[str, str] | None = None,
) -> forms.CharField:
    """A text field. Error messages call it `name` ("Your reasons must be ..."), or the label when the label is
    already a short name: a question or an "(optional)" label never goes into an error message."""
    name = name or label
    derived = (required and not required_message) or not too_long_message
    if derived and ("?" in name or "(optional)" in name):
        raise ValueError(f"Give the field {label!r} a name for its error messages, like name='Your reasons'")
    widget = forms.Textarea(attrs={"rows": "8", **(attrs or {})}) if area else forms.TextInput(attrs=attrs or {})
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=widget,
        help_text=help_text,
        validators=[reject_control_characters],
        error_messages={
            "required": required_message or f"Enter {name[0].lower()}{name[1:]}",
            "max_length": too_long_message or f"{name} must be {max_length:,} characters or fewer",
            "null_characters_not_allowed": "Remove any special or invisible characters, then try again.",
        },
    )


def choice(label: str, choices: list[tuple[str, str]], required_message: str, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


def several(
    label: str, choices: list[tuple[str, str]], required_message: str, help_text: str = ""
) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


def date_from_parts(day: str, month: str, year: str, *, name: str) -> datetime.date:
    """A past date from a GOV.UK date input's three fields, with the design system's error messages."""
    missing = [part for part, value in (("day", day), ("month", month), ("year", year)) if not value]
    if missing:
        raise ValidationError(f"{name} must include a {' and '.join(missing)}")
    if not (day.isdigit() and month.isdigit() and year.isdigit()):
        raise ValidationError(f"{name} must be a real date, using numbers only")
    if len(year) != 4:
        raise ValidationError("The year must include 4 numbers, like 2026")
    try:
        value = datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise ValidationError(f"{name} must be a real date") from None
    if value > timezone.localdate():
        raise ValidationError(f"{name} must be today or in the past")
    if value.year < 1900:
        raise ValidationError(f"{name} must be after 1900")
    return value

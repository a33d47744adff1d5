from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from victimsrights.govuk.fields import ACCOUNT_MAX, choice, date_from_parts, date_parts, text
from victimsrights.sealedrecords import matching
from victimsrights.sealedrecords.models import IdentifierKind


class SealedRecordForm(forms.Form):
    account = text(
        "The victim's account",
        area=True,
        max_length=ACCOUNT_MAX,
        help_text="In the victim's words, as far as they want to tell it. Nobody in the police can read this.",
        required_message="Enter the victim's account",
    )
    notes = text(
        "Your organisation's notes (optional)",
        name="The notes",
        required=False,
        area=True,
        max_length=5000,
        help_text="For example, forensic samples stored and their reference.",
    )

    victim_email = forms.EmailField(
        label="An email address that is safe for the victim (optional)",
        required=False,
        max_length=254,
        help_text="Only if the victim wants to manage the record themselves online. It is sealed with the account.",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )


class WorkerForm(forms.Form):
    full_name = text("Full name", max_length=150, required_message="Enter the worker's full name")
    email = forms.EmailField(
        label="Work email address",
        max_length=254,
        error_messages={
            "required": "Enter the worker's email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )


class IdentifierForm(forms.Form):
    """An identifier of the perpetrator, normalised (cleaned_data["canonical"]) for matching."""

    kind = choice(
        "What do you know about the person who did it?",
        IdentifierKind.choices,
        required_message="Select what you know about the person who did it",
    )
    value = text(
        "Phone number, email address, profile link or handle, or full name",
        name="The identifier",
        max_length=300,
        required_message="Enter the phone number, email address, profile or full name",
        attrs={"autocomplete": "off", "spellcheck": "false"},
    )
    platform = forms.ChoiceField(
        label="If you entered a handle, the platform it is on",
        choices=[("", "Not a handle"), *matching.PLATFORMS.items()],
        required=False,
    )
    birth_day = forms.CharField(label="Day", required=False, max_length=10)
    birth_month = forms.CharField(label="Month", required=False, max_length=10)
    birth_year = forms.CharField(label="Year", required=False, max_length=10)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, value = data.get("kind"), data.get("value", "")
        if not kind or not value:
            return data
        if kind == IdentifierKind.NAME:
            self._clean_name(value, data)
            return data
        try:
            if kind == IdentifierKind.PHONE:
                data["canonical"] = matching.normalise_phone(value)
            elif kind == IdentifierKind.EMAIL:
                data["canonical"] = matching.normalise_email(value)
            else:
                data["canonical"] = matching.normalise_profile(value, data.get("platform", ""))
        except ValidationError as error:
            self.add_error("value", error)
        return data

    def _clean_name(self, value: str, data: dict[str, Any]) -> None:
        parts = date_parts(data, "birth")
        try:
            if not any(parts):
                raise ValidationError("Enter their date of birth: a name alone matches too many people")
            born = date_from_parts(*parts, name="Their date of birth")
        except ValidationError as error:
            self.add_error("birth_day", error)
            return
        try:
            data["canonical"] = matching.normalise_name(value, born)
        except ValidationError as error:
            self.add_error("value", error)

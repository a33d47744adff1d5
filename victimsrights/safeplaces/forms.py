from django import forms

from victimsrights.govuk.fields import ACCOUNT_MAX, text


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

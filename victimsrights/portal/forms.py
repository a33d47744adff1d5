from django import forms

from victimsrights.reporting.forms import ContactForm, SafeTimesForm


class ContactPreferencesForm(ContactForm, SafeTimesForm):
    """The victim's safe channels and times, as in the report journey, and whether to get alerts."""

    alerts = forms.ChoiceField(
        label="Do you want an alert when there is an update on your case?",
        choices=[("yes", "Yes"), ("no", "No, I will sign in to check")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether you want alerts",
            "invalid_choice": "Select whether you want alerts",
        },
    )

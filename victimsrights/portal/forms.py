from typing import Any

from django import forms

from victimsrights.cases.models import UpdateFrequency
from victimsrights.govuk.fields import choice
from victimsrights.reporting.forms import ContactForm, SafeTimesForm


class ContactPreferencesForm(ContactForm, SafeTimesForm):
    """The victim's safe channels and times, as in the report journey, whether to get alerts and, while their case is
    investigated, how often they want an update (Victims' Code Right 6)."""

    alerts = forms.ChoiceField(
        label="Do you want an alert when there is an update on your case?",
        choices=[("yes", "Yes"), ("no", "No, I will sign in to check")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether you want alerts",
            "invalid_choice": "Select whether you want alerts",
        },
    )

    def __init__(self, *args: Any, case_open: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if case_open:
            self.fields["update_frequency"] = choice(
                "How often do you want an update on the investigation?",
                UpdateFrequency.choices,
                "Select how often you want an update",
                help_text="We will always tell you when something important happens, such as an arrest or a "
                "decision, and when the investigation ends.",
            )

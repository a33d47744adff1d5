from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from victimsrights.cases.models import UpdateFrequency
from victimsrights.govuk.fields import choice, text
from victimsrights.reporting.forms import ContactForm, SafeTimesForm


class ContactPreferencesForm(ContactForm, SafeTimesForm):
    """The victim's safe channels and times, as in the report journey, whether to get alerts and, while their case is
    investigated, how often they want an update (Victims' Code Right 6)."""

    alerts = forms.ChoiceField(
        label=_("Do you want an alert when there is an update on your case?"),
        choices=[("yes", _("Yes")), ("no", _("No, I will sign in to check"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select whether you want alerts"),
            "invalid_choice": _("Select whether you want alerts"),
        },
    )

    def __init__(self, *args: Any, case_open: bool = False, may_refer: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if may_refer:  # Right 4: a victim who said no when reporting can agree later
            self.fields["referral"] = choice(
                _("Can we now pass your details to a support service?"),
                [("yes", _("Yes")), ("no", _("No, not now"))],
                _("Select yes if we can pass your details to a support service"),
                help_text=_(
                    "You asked us not to when you reported. Support services are free and independent of the "
                    "police. They can help whether or not you want to go to court."
                ),
            )
            self.fields["referral"].required = False  # no answer stays a no: consent is given, never assumed
        if case_open:
            self.fields["update_frequency"] = choice(
                _("How often do you want an update on the investigation?"),
                UpdateFrequency.choices,
                _("Select how often you want an update"),
                help_text=_(
                    "We will always tell you when something important happens, such as an arrest or a "
                    "decision, and when the investigation ends."
                ),
            )


class VictimSignInForm(forms.Form):
    identifier = text(
        _("Your crime number or report reference"),
        max_length=40,
        help_text=_("For example, MET-2026-0000123 or VR-K7QP-2MXD."),
        required_message=_("Enter your crime number or report reference"),
        too_long_message=_("Enter your crime number or report reference as it is in our email"),
        attrs={"autocomplete": "off", "spellcheck": "false", "data-width": "20"},
    )


class VictimCodeForm(forms.Form):
    code = text(
        _("Enter the 6-digit code we sent you"),
        max_length=12,
        required_message=_("Enter the code we sent you"),
        too_long_message=_("Enter the 6-digit code"),
        attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false", "data-width": "5"},
    )


class SealedRecordSignInForm(forms.Form):
    record_code = text(
        _("Your record code"),
        max_length=20,
        help_text=_("The 10 letters and numbers the support organisation gave you, for example K7QP 2MXD RA."),
        required_message=_("Enter your record code"),
        too_long_message=_("Enter the record code exactly as you were given it"),
        attrs={"autocomplete": "off", "spellcheck": "false", "data-width": "10"},
    )

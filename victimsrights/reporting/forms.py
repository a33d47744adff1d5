"""One form per question page of the report journey.

Every form returns JSON-ready answers from `answers()`; the journey keeps them in the draft.
Error messages follow the GOV.UK Design System: say what to do, in plain English.
"""

from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from victimsrights.areas.selectors import borough_list
from victimsrights.govuk.fields import ACCOUNT_MAX, SHORT_MAX, Words, choice, date_from_parts, date_parts, several, text
from victimsrights.govuk.validators import normalise_phone, normalise_postcode, reject_control_characters
from victimsrights.reporting.models import ContactChannel, SafeTime

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class StepForm(forms.Form):
    conditional: ClassVar[dict[str, dict[str, list[str]]]] = {}
    exclusive: ClassVar[dict[str, str]] = {}
    choice_hints: ClassVar[dict[str, dict[str, str]]] = {}

    def answers(self) -> dict[str, Any]:
        return dict(self.cleaned_data)

    def clear_hidden(self, field: str, keep: dict[str, list[str]]) -> None:
        """Drop answers revealed under choices the victim did not pick."""
        picked = self.cleaned_data.get(field)
        picked_values = set(picked) if isinstance(picked, list) else {picked}
        for value, names in keep.items():
            if value not in picked_values:
                for name in names:
                    self.cleaned_data[name] = ""

    def require(self, name: str, message: Words) -> None:
        if not self.cleaned_data.get(name) and name not in self.errors:
            self.add_error(name, message)


class ConsentForm(StepForm):
    """What the victim agreed to, recorded by the safe-place worker with the victim present."""

    report_now = choice(
        _("Does the victim agree to report this to the police now?"),
        [("yes", _("Yes, report it now")), ("no", _("No, not now"))],
        _("Select whether the victim agrees to report this now"),
    )
    share_contact = choice(
        _("Does the victim agree to share their contact details with the police?"),
        YES_NO,
        _("Select whether the victim agrees to share their contact details"),
    )
    contact_route = choice(
        _("How may the police contact the victim?"),
        [
            ("direct", _("Directly, in the ways the victim chooses")),
            ("organisation", _("Only through our organisation")),
        ],
        _("Select how the police may contact the victim"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("report_now") == "no":
            self.add_error(
                "report_now",
                _(
                    "The victim must agree before you report. To keep their account while they decide, "
                    "make a sealed record instead"
                ),
            )
        if data.get("share_contact") == "no" and data.get("contact_route") == "direct":
            self.add_error("contact_route", _("If the victim does not share contact details, choose only through us"))
        return data


class InDangerForm(StepForm):
    in_danger = choice(
        _("Are you in danger now?"),
        YES_NO,
        _("Select yes if you are in danger now"),
        help_text=_("If you are, call 999."),
    )


class WhatHappenedForm(StepForm):
    what_happened = text(
        _("What happened?"),
        area=True,
        max_length=ACCOUNT_MAX,
        required_message=_("Tell us what happened"),
        too_long_message=format_lazy(_("What happened must be {limit} characters or fewer"), limit=f"{ACCOUNT_MAX:,}"),
        help_text=_("Tell us in your own words. You do not need to include every detail now."),
        attrs={"spellcheck": "true"},
    )


class WhenForm(StepForm):
    occurred_day = forms.CharField(label=_("Day"), required=False, max_length=10)
    occurred_month = forms.CharField(label=_("Month"), required=False, max_length=10)
    occurred_year = forms.CharField(label=_("Year"), required=False, max_length=10)
    occurred_approximately = text(
        _("If you are not sure of the date, or it happened over a period of time, tell us roughly when"),
        required=False,
        max_length=SHORT_MAX,
        too_long_message=format_lazy(_("Roughly when must be {limit} characters or fewer"), limit=SHORT_MAX),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parts = date_parts(data, "occurred")
        approximately = data.get("occurred_approximately", "")
        data["occurred_on"] = ""
        if not any(parts):
            if not approximately and "occurred_approximately" not in self.errors:
                self.add_error("occurred_day", _("Enter the date it happened, or tell us roughly when"))
            return data
        try:
            data["occurred_on"] = date_from_parts(*parts, name=_("The date it happened")).isoformat()
        except ValidationError as error:
            self.add_error("occurred_day", error)
        return data


class WhereForm(StepForm):
    where = choice(
        _("Where did it happen?"),
        [
            ("borough", _("In a London borough")),
            ("postcode", _("I know the postcode")),
            ("unknown", _("I do not know")),
        ],
        _("Select where it happened, or select that you do not know"),
    )
    borough = forms.ModelChoiceField(
        label=_("Borough"),
        queryset=borough_list(),
        required=False,
        error_messages={"invalid_choice": _("Select a London borough from the list")},
    )
    postcode = text(
        _("Postcode"),
        required=False,
        max_length=10,
        too_long_message=_("Enter a real postcode, like SW1A 1AA"),
        attrs={"autocomplete": "off", "data-width": "10", "spellcheck": "false"},
    )
    # With a postcode, the borough too: the service ships no postcode lookup (none can be found as data in the
    # package registries), and a report with no borough waits for the force crime registrar, not the local team.
    postcode_borough = forms.ModelChoiceField(
        label=_("Which London borough is it in?"),
        queryset=borough_list(),
        required=False,
        empty_label=_("I do not know"),
        help_text=_("If you do not know, the force's crime registrar will find it from the postcode."),
        error_messages={"invalid_choice": _("Select a London borough from the list, or I do not know")},
    )
    conditional = {"where": {"borough": ["borough"], "postcode": ["postcode", "postcode_borough"]}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        initial = kwargs.get("initial") or {}
        if initial.get("where") == "postcode":  # the borough saved with a postcode belongs under the postcode
            kwargs["initial"] = {**initial, "borough": None, "postcode_borough": initial.get("borough")}
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        where = data.get("where")
        if where == "borough":
            self.require("borough", _("Select the London borough where it happened"))
        if where == "postcode" and data.get("postcode"):
            try:
                data["postcode"] = normalise_postcode(data["postcode"])
            except ValidationError as error:
                self.add_error("postcode", error)
        elif where == "postcode":
            self.require("postcode", _("Enter the postcode where it happened"))
        self.clear_hidden("where", {"borough": ["borough"], "postcode": ["postcode", "postcode_borough"]})
        return data

    def answers(self) -> dict[str, Any]:
        borough = self.cleaned_data.get("borough") or self.cleaned_data.get("postcode_borough")
        answers = {key: value for key, value in self.cleaned_data.items() if key != "postcode_borough"}
        return {**answers, "borough": borough.pk if borough else None}


class PeopleForm(StepForm):
    people_involved = text(
        _("Tell us about anyone involved (optional)"),
        required=False,
        area=True,
        max_length=ACCOUNT_MAX,
        too_long_message=format_lazy(
            _("Anyone involved must be {limit} characters or fewer"), limit=f"{ACCOUNT_MAX:,}"
        ),
        help_text=_(
            "For example, their name, what they look like, or how you know them. Leave this empty if you prefer."
        ),
    )


class InjuriesForm(StepForm):
    injured = choice(
        _("Were you hurt?"),
        [("yes", _("Yes")), ("no", _("No")), ("prefer_not", _("I prefer not to say"))],
        _("Select yes if you were hurt, or that you prefer not to say"),
    )
    injuries = text(
        _("Tell us about your injuries (optional)"),
        required=False,
        area=True,
        max_length=ACCOUNT_MAX,
        too_long_message=format_lazy(_("Your injuries must be {limit} characters or fewer"), limit=f"{ACCOUNT_MAX:,}"),
    )
    conditional = {"injured": {"yes": ["injuries"]}}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.clear_hidden("injured", {"yes": ["injuries"]})
        return data


class AgeForm(StepForm):
    under_18 = choice(
        _("Are you under 18?"),
        [("yes", _("Yes")), ("no", _("No")), ("prefer_not", _("I prefer not to say"))],
        _("Select yes if you are under 18, no if you are not, or that you prefer not to say"),
        help_text=_("Victims under 18 are entitled to extra support and shorter times to be told what is happening."),
    )


class NameForm(StepForm):
    victim_name = text(
        _("What is your name?"),
        max_length=200,
        required_message=_("Enter your name"),
        too_long_message=_("Your name must be 200 characters or fewer"),
        attrs={"autocomplete": "name", "spellcheck": "false"},
    )


class ContactForm(StepForm):
    channels = several(
        _("How can we contact you safely?"),
        list(ContactChannel.choices),
        _("Select at least one safe way for us to contact you"),
        help_text=_("Only choose ways that someone else cannot see or hear. Select all that apply."),
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": _("Enter an email address in the correct format, like name@example.com")},
    )
    mobile = text(
        _("Mobile phone number"),
        required=False,
        max_length=20,
        attrs={"autocomplete": "tel", "data-width": "20", "inputmode": "tel"},
        too_long_message=_("Enter a UK mobile phone number, like 07700 900 982"),
    )
    phone = text(
        _("Phone number"),
        required=False,
        max_length=20,
        attrs={"autocomplete": "tel", "data-width": "20", "inputmode": "tel"},
        too_long_message=_("Enter a UK phone number, like 01632 960 001"),
    )
    postal_address = text(
        _("Postal address"),
        required=False,
        area=True,
        max_length=SHORT_MAX,
        too_long_message=format_lazy(_("The address must be {limit} characters or fewer"), limit=SHORT_MAX),
        attrs={"rows": "4", "autocomplete": "street-address"},
    )
    conditional = {
        "channels": {"email": ["email"], "text": ["mobile"], "phone": ["phone"], "letter": ["postal_address"]}
    }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        channels = data.get("channels") or []
        if "email" in channels:
            self.require("email", _("Enter the email address we can use"))
        for channel, field, mobile, missing in (
            ("text", "mobile", True, _("Enter the mobile phone number we can use")),
            ("phone", "phone", False, _("Enter the phone number we can use")),
        ):
            if channel not in channels:
                continue
            if not data.get(field):
                self.require(field, missing)
            elif field not in self.errors:
                try:
                    data[field] = normalise_phone(data[field], mobile=mobile)
                except ValidationError as error:
                    self.add_error(field, error)
        if "letter" in channels:
            self.require("postal_address", _("Enter the address we can send letters to"))
        self.clear_hidden("channels", self.conditional["channels"])
        return data


class SafeTimesForm(StepForm):
    safe_times = several(
        _("When is it safe to contact you?"),
        [choice for choice in SafeTime.choices if choice[0] != SafeTime.ANY] + [(SafeTime.ANY, _("Any time"))],
        _("Select when it is safe to contact you, or select any time"),
        help_text=_("We will only call, text or email you at these times. Select all that apply."),
    )
    exclusive = {"safe_times": SafeTime.ANY}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if SafeTime.ANY in (data.get("safe_times") or []) and len(data["safe_times"]) > 1:
            self.add_error("safe_times", _("Select any time, or select the times that are safe, not both"))
        return data


class VoicemailForm(StepForm):
    voicemail = choice(
        _("Can we leave you a voicemail?"),
        YES_NO,
        _("Select yes if we can leave you a voicemail"),
        help_text=_("We will never say what the message is about."),
    )


class WordingForm(StepForm):
    neutral_wording = choice(
        _("Should our messages avoid mentioning the police or a crime?"),
        [("yes", _("Yes, use neutral wording")), ("no", _("No, you can say who you are"))],
        _("Select yes if our messages should use neutral wording"),
        help_text=_("Neutral wording helps if someone else might see your messages."),
    )
    safe_word = text(
        _("A safe word our staff can say so you know it is us (optional)"),
        required=False,
        max_length=100,
        attrs={"autocomplete": "off", "spellcheck": "false", "data-width": "20"},
        too_long_message=_("The safe word must be 100 characters or fewer"),
    )
    conditional = {"neutral_wording": {"yes": ["safe_word"]}}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.clear_hidden("neutral_wording", {"yes": ["safe_word"]})
        return data


class SupportForm(StepForm):
    support = several(
        _("Do you need any support to talk to us?"),
        [
            ("interpreter", _("An interpreter")),
            ("accessibility", _("Help because of a disability or health condition")),
            ("none", _("No, I do not need support")),
        ],
        _("Select the support you need, or select that you do not need support"),
    )
    interpreter_language = text(
        _("Which language?"),
        required=False,
        max_length=100,
        attrs={"data-width": "20"},
        too_long_message=_("The language must be 100 characters or fewer"),
    )
    accessibility_needs = text(
        _("Tell us what would help"),
        required=False,
        area=True,
        max_length=SHORT_MAX,
        attrs={"rows": "3"},
        too_long_message=format_lazy(_("What would help must be {limit} characters or fewer"), limit=SHORT_MAX),
    )
    conditional = {"support": {"interpreter": ["interpreter_language"], "accessibility": ["accessibility_needs"]}}
    exclusive = {"support": "none"}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        support = data.get("support") or []
        if "none" in support and len(support) > 1:
            self.add_error(
                "support", _("Select the support you need, or select that you do not need support, not both")
            )
        if "interpreter" in support:
            self.require("interpreter_language", _("Enter the language you need an interpreter for"))
        if "accessibility" in support:
            self.require("accessibility_needs", _("Tell us what would help"))
        self.clear_hidden("support", self.conditional["support"])
        return data


class ReferralForm(StepForm):
    referral_consent = choice(
        _("Can we pass your details to a support service?"),
        YES_NO,
        _("Select yes if we can pass your details to a support service"),
        help_text=_(
            "Victim support services are free and independent of the police. They can help whether or not you "
            "want to go to court."
        ),
    )


class SubmitForm(forms.Form):
    submission_key = forms.UUIDField(widget=forms.HiddenInput)


class SaveForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We will send a code to this address. Only use an email address that nobody else can read."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter an email address so we can send you a code"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )


class ResumeForm(forms.Form):
    code = forms.CharField(
        label=_("Enter your code"),
        max_length=20,
        help_text=_("It is 10 letters and numbers, for example K7QP 2MXD RA."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false", "data-width": "10"}),
        validators=[reject_control_characters],
        error_messages={
            "required": _("Enter the code we sent you"),
            "max_length": _("Enter the code exactly as it is in the email"),
        },
    )

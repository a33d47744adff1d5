import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from victimsrights.cases.models import (
    OFFICER_RECORDED_EVENTS,
    EnhancedRightsReason,
    PropertyKind,
    PropertyStatus,
    UpdateFrequency,
)
from victimsrights.cases.selectors import outcome_types
from victimsrights.govuk.fields import choice, text


class UpdateForm(forms.Form):
    text = text(
        "Update for the victim",
        area=True,
        max_length=5000,
        help_text="The victim reads this when they sign in. Plain English; no one else's personal details.",
        required_message="Write the update for the victim",
    )


class HearingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label="Date and time (for example 14/01/2027 10:00)",
        input_formats=["%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"],
        error_messages={
            "required": "Enter the date and time of the hearing",
            "invalid": "Enter a real date and time, like 14/01/2027 10:00",
        },
    )
    court = text("Court", max_length=200, required_message="Enter the court")
    what_to_expect = text(
        "What the victim can expect (optional)",
        name="What the victim can expect",
        required=False,
        area=True,
        max_length=2000,
    )

    def clean_starts_at(self) -> datetime.datetime:
        value: datetime.datetime = self.cleaned_data["starts_at"]
        if value < timezone.now() - datetime.timedelta(days=1):
            raise ValidationError("The hearing must be today or in the future")
        return value


class OutcomeForm(forms.Form):
    outcome = forms.ModelChoiceField(
        label="Home Office outcome type",
        queryset=outcome_types(),
        error_messages={
            "required": "Choose the outcome type",
            "invalid_choice": "Choose an outcome type from the list",
        },
    )
    explanation = text(
        "Explain the decision to the victim",
        name="The explanation",
        required=False,
        area=True,
        max_length=5000,
        help_text=(
            "Needed when no one is being charged. The victim reads it beside the Home Office's standard words: "
            "say in plain English why, and what the evidence could not show."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        outcome = data.get("outcome")
        if outcome is not None and outcome.decision_not_to_charge and not (data.get("explanation") or "").strip():
            self.add_error("explanation", "Explain to the victim why no one is being charged")
        return data


class MessageForm(forms.Form):
    body = text(
        _("Your message"),
        area=True,
        max_length=5000,
        required_message=_("Write your message"),
        too_long_message=_("Your message must be 5,000 characters or fewer"),
    )

    def answers(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class EventForm(forms.Form):
    kind = choice(
        "What has happened?",
        [(kind.value, kind.label) for kind in OFFICER_RECORDED_EVENTS],
        "Choose what has happened",
    )
    note = text("Note for the case history (optional)", name="The note", required=False, area=True, max_length=2000)
    victim_update = text(
        "Update for the victim (optional)",
        name="The update for the victim",
        required=False,
        area=True,
        max_length=5000,
        help_text="If you write one, it is published to the victim now and meets the duty to tell them.",
    )


class EnhancedRightsForm(forms.Form):
    reason = choice(
        "Why is the victim entitled to enhanced rights?",
        [
            (reason.value, reason.label)
            for reason in EnhancedRightsReason
            if reason != EnhancedRightsReason.MOST_SERIOUS_CRIME
        ],
        "Choose why the victim is entitled to enhanced rights",
    )
    note = text(
        "Explain briefly",
        area=True,
        max_length=2000,
        help_text="For the case history. Do not include anyone else's personal details.",
        required_message="Explain why the victim is entitled to enhanced rights",
    )


class UpdateFrequencyForm(forms.Form):
    update_frequency = choice(
        "How often does the victim want an update on the investigation?",
        UpdateFrequency.choices,
        "Select how often the victim wants an update",
        help_text="Agree it with the victim. Important points, such as an arrest or a decision, are told whatever "
        "they choose.",
    )


def _collection() -> forms.CharField:
    return text(
        "How the victim can collect it (if it is ready)",
        name="How to collect it",
        required=False,
        area=True,
        max_length=2000,
        help_text="Where, when, and what to bring. The victim reads this on their case page.",
    )


class PropertyForm(forms.Form):
    """Victims' Code Right 10: the victim's property and where it is."""

    description = text(
        "Describe the property",
        name="The description",
        required_message="Describe the property",
        help_text="In words the victim will recognise, like 'black mountain bike'. No serial numbers.",
    )
    kind = choice("What happened to it?", PropertyKind.choices, "Select what happened to it")
    status = choice("Where is it now?", PropertyStatus.choices, "Select where it is now")
    collection = _collection()


class PropertyStatusForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    status = choice("Where is it now?", PropertyStatus.choices, "Select where it is now")
    collection = _collection()

import datetime
from typing import Any

from django import forms

from victimsrights.areas.models import Area
from victimsrights.govuk.fields import text
from victimsrights.oversight.models import SampleKind


class AuditFilterForm(forms.Form):
    """Filters for the audit log, read from the query string. All optional."""

    actor = text("Staff username", required=False, max_length=150)
    action = text("Action, for example case.view", required=False, max_length=64)
    reference = text("Report reference", required=False, max_length=20)
    since = forms.DateField(
        label="From (for example 1/12/2026)",
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Enter a real date for 'From', like 1/12/2026"},
    )
    until = forms.DateField(
        label="To (for example 31/12/2026)",
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Enter a real date for 'To', like 31/12/2026"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since: datetime.date | None = data.get("since")
        until: datetime.date | None = data.get("until")
        if since and until and since > until:
            self.add_error("until", "'To' must be the same as or after 'From'")
        return data


class SampleForm(forms.Form):
    area = forms.ModelChoiceField(
        label="Area",
        queryset=Area.objects.order_by("name"),
        error_messages={"required": "Choose the area", "invalid_choice": "Choose an area from the list"},
    )
    kind = forms.ChoiceField(
        label="What to sample",
        choices=SampleKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to sample", "invalid_choice": "Choose what to sample"},
    )
    start = forms.DateField(
        label="From (for example 1/1/2026)",
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"required": "Enter the first day", "invalid": "Enter a real date, like 1/1/2026"},
    )
    end = forms.DateField(
        label="To (for example 31/12/2026)",
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"required": "Enter the last day", "invalid": "Enter a real date, like 31/12/2026"},
    )
    size = forms.IntegerField(
        label="How many records (1 to 50)",
        min_value=1,
        max_value=50,
        error_messages={
            "required": "Enter how many records to sample",
            "invalid": "Enter a whole number from 1 to 50",
            "min_value": "Enter a whole number from 1 to 50",
            "max_value": "Enter a whole number from 1 to 50",
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "The last day must be the same as or after the first day")
        return data


class FindingForm(forms.Form):
    # Free text is withheld from a sample, so the question is one the record shown can answer: was the decision
    # made by the rules (on time, for a reason the rules allow, with the victim's duties met)?
    decision_sound = forms.ChoiceField(
        label="From what this record shows, was the decision made by the rules?",
        help_text="On time, for a reason the rules allow, and with the Victims' Code duties to the victim met.",
        choices=[("yes", "Yes, by the rules"), ("no", "No, not by the rules")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether the decision was made by the rules",
            "invalid_choice": "Choose whether the decision was made by the rules",
        },
    )
    finding = text("Your finding", area=True, max_length=5000, required_message="Write your finding")


class RecommendationForm(forms.Form):
    area = forms.ModelChoiceField(
        label="Area",
        queryset=Area.objects.order_by("name"),
        error_messages={"required": "Choose the area", "invalid_choice": "Choose an area from the list"},
    )
    report_title = text(
        "Title of the published report", max_length=200, required_message="Enter the title of the published report"
    )
    published_on = forms.DateField(
        label="Date the report was published (for example 1/12/2026)",
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={
            "required": "Enter the date the report was published",
            "invalid": "Enter a real date, like 1/12/2026",
        },
    )
    text = text("The recommendation", area=True, max_length=5000, required_message="Write the recommendation")


class RecommendationResponseForm(forms.Form):
    response = text(
        "Your answer",
        area=True,
        max_length=10_000,
        help_text="For the recommendation: the action you have taken or will take, or why you will not act on it.",
        required_message="Write your answer",
    )

from django import forms
from django.utils.translation import gettext_lazy as _

from victimsrights.govuk.fields import text
from victimsrights.recording.models import CancellationGround, RefusalReason
from victimsrights.recording.selectors import classification_list


class ClassificationField(forms.ModelChoiceField):
    def label_from_instance(self, obj: object) -> str:
        return f"{obj.group}: {obj.description} ({obj.code})"  # type: ignore[attr-defined]


def classification_field() -> ClassificationField:
    return ClassificationField(
        label="Crime classification",
        queryset=classification_list(),
        help_text="From the Home Office Counting Rules.",
        error_messages={
            "required": "Choose the crime classification",
            "invalid_choice": "Choose a crime classification from the list",
        },
    )


CRIME_FLAGS = [
    ("domestic_abuse", "Domestic abuse"),
    ("hate_crime", "Hate crime"),
]


class RecordForm(forms.Form):
    classification = classification_field()
    flags = forms.MultipleChoiceField(
        label="Crime flags",
        help_text="Either gives the victim enhanced rights under the Victims' Code. Choose all that apply.",
        choices=CRIME_FLAGS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose domestic abuse, hate crime, or neither"},
    )


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why is this report not being recorded?",
        choices=RefusalReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the reason", "invalid_choice": "Choose the reason"},
    )
    explanation = text(
        "Explain the decision to the victim",
        area=True,
        max_length=5000,
        help_text="The victim will read this. Use plain English and do not include anyone else's personal details.",
        required_message="Explain the decision to the victim",
    )
    rape_reported = forms.BooleanField(
        label="This is a report of rape or attempted rape (an N100 record is kept)",
        required=False,
    )


class AppealForm(forms.Form):
    reasons = text(
        _("Why do you think the decision is wrong?"),
        area=True,
        max_length=10_000,
        help_text=_("Tell us anything you think we missed or got wrong."),
        required_message=_("Tell us why you think the decision is wrong"),
        too_long_message=_("Your reasons must be 10,000 characters or fewer"),
    )


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Your decision",
        choices=[("overturn", "Record the crime"), ("uphold", "Do not record: the refusal stands")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose your decision", "invalid_choice": "Choose your decision"},
    )
    classification = classification_field()
    reasons = text(
        "Reasons for the victim",
        area=True,
        max_length=5000,
        help_text="The victim will read this.",
        required_message="Give the reasons for your decision",
    )
    conditional = {"outcome": {"overturn": ["classification"]}}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["classification"].required = False

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("outcome") == "overturn" and not data.get("classification") and "classification" not in self.errors:
            self.add_error("classification", "Choose the crime classification")
        return data


class CancelForm(forms.Form):
    ground = forms.ChoiceField(
        label="Why is this crime record being cancelled?",
        choices=CancellationGround.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the ground", "invalid_choice": "Choose the ground"},
    )
    information = text(
        "What shows it",
        area=True,
        max_length=10_000,
        help_text="The checkable information, the other force, or the crime it is part of. The victim will be told.",
        required_message="Write down what shows the ground applies",
    )

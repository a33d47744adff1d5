from django import forms

from victimsrights.govuk.fields import text


class NarrativeForm(forms.Form):
    narrative = text(
        "The year in your area",
        area=True,
        max_length=20_000,
        help_text="What went well for victims, what did not, and why. Plain English; no one's personal details.",
        required_message="Write about the year in your area",
    )


class CommitmentForm(forms.Form):
    commitment = text(
        "What will you do next year?",
        name="What you will do next year",
        area=True,
        max_length=2_000,
        required_message="Say what you will do next year",
        attrs={"rows": "3"},
    )
    measure = text(
        "How will it be measured?",
        name="How it will be measured",
        help_text="Use a figure from this plan where you can, for example 'Reports decided within 24 hours'.",
        required_message="Say how it will be measured",
    )
    target = text(
        "Target", help_text="For example '95%' or 'within 5 working days'.", required_message="Enter a target"
    )


class CommentForm(forms.Form):
    text = text(
        "Your comment",
        area=True,
        max_length=10_000,
        help_text="Published with the plan.",
        required_message="Write your comment",
    )


class PublishForm(forms.Form):
    correction_note = text(
        "What does this correction change?",
        name="The correction note",
        required=False,
        area=True,
        max_length=2_000,
        help_text="Only for a plan already published. Readers see this note beside the new version.",
        attrs={"rows": "3"},
    )


class DashboardForm(forms.Form):
    year = forms.TypedChoiceField(
        label="Year",
        coerce=int,
        error_messages={"invalid_choice": "Choose a year from the list", "required": "Choose a year"},
    )
    rank_by = forms.ChoiceField(
        label="Rank areas by",
        required=False,
        error_messages={"invalid_choice": "Choose a figure from the list"},
    )

    def __init__(self, *args: object, years: list[int], rankings: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["year"].choices = [(year, str(year)) for year in years]  # type: ignore[attr-defined]
        self.fields["rank_by"].choices = rankings  # type: ignore[attr-defined]

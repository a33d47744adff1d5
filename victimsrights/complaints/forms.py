from django import forms

from victimsrights.govuk.fields import choice, text

UPHELD = [("yes", "Upheld: we got it wrong"), ("no", "Not upheld")]
# The commissioner judges the police's handling, so "we" is not theirs to say.
COMMISSIONER_UPHELD = [("yes", "Upheld: the police got it wrong"), ("no", "Not upheld: the police's answer stands")]


class ComplaintForm(forms.Form):
    what_went_wrong = text(
        "What went wrong?",
        name="What went wrong",
        area=True,
        max_length=10_000,
        help_text=(
            "Tell us how you were treated and what you would like to happen. Do not include anyone else's details."
        ),
        required_message="Tell us what went wrong",
    )


class EscalateForm(forms.Form):
    why_not_satisfied = text(
        "Why are you not satisfied with the answer?",
        name="Why you are not satisfied",
        area=True,
        max_length=10_000,
        required_message="Tell us why you are not satisfied with the answer",
    )


class AnswerForm(forms.Form):
    upheld = choice("Is the complaint upheld?", UPHELD, "Choose whether the complaint is upheld")
    answer = text(
        "Answer to the victim",
        area=True,
        max_length=10_000,
        help_text="The victim will read this. Use plain English and say what will change.",
        required_message="Write the answer to the victim",
    )


class ConclusionForm(forms.Form):
    upheld = choice("Is the complaint upheld?", COMMISSIONER_UPHELD, "Choose whether the complaint is upheld")
    finding = text(
        "Your finding, for the victim",
        area=True,
        max_length=10_000,
        required_message="Write your finding for the victim",
    )

from django import forms
from django.utils.translation import gettext_lazy as _

from victimsrights.govuk.fields import choice, text

UPHELD = [("yes", "Upheld: we got it wrong"), ("no", "Not upheld")]
# The commissioner judges the police's handling, so "we" is not theirs to say.
COMMISSIONER_UPHELD = [("yes", "Upheld: the police got it wrong"), ("no", "Not upheld: the police's answer stands")]


class ComplaintForm(forms.Form):
    what_went_wrong = text(
        _("What went wrong?"),
        area=True,
        max_length=10_000,
        help_text=_(
            "Tell us how you were treated and what you would like to happen. Do not include anyone else's details."
        ),
        required_message=_("Tell us what went wrong"),
        too_long_message=_("What went wrong must be 10,000 characters or fewer"),
    )


class EscalateForm(forms.Form):
    why_not_satisfied = text(
        _("Why are you not satisfied with the answer?"),
        area=True,
        max_length=10_000,
        required_message=_("Tell us why you are not satisfied with the answer"),
        too_long_message=_("Why you are not satisfied must be 10,000 characters or fewer"),
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

from django import forms

from victimsrights.feedback.models import Agreement
from victimsrights.govuk.fields import choice, text

AGREEMENT = list(Agreement.choices)


class FeedbackForm(forms.Form):
    kept_informed = choice(
        "We kept you informed about what was happening", AGREEMENT, "Select whether you agree we kept you informed"
    )
    treated_fairly = choice(
        "We treated you fairly and with respect", AGREEMENT, "Select whether you agree we treated you fairly"
    )
    easy_to_use = choice(
        "This service was easy to use", AGREEMENT, "Select whether you agree the service was easy to use"
    )
    in_own_words = text(
        "Anything else you want to tell us (optional)",
        name="What you want to tell us",
        required=False,
        area=True,
        max_length=5000,
        help_text="Do not include your name or anyone else's. Nobody dealing with your case will see this.",
    )

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from victimsrights.govuk.fields import choice, text


class ReviewRequestForm(forms.Form):
    """The victim's request. After the time limit they must say why they are asking now."""

    reasons = text(
        _("Why do you think the decision is wrong? (optional)"),
        required=False,
        area=True,
        max_length=10_000,
        too_long_message=_("Your reasons must be 10,000 characters or fewer"),
        help_text=_("You do not have to give reasons, but anything you tell us helps the reviewer."),
    )
    late_reasons = text(
        _("Why are you asking now?"),
        area=True,
        max_length=10_000,
        help_text=_("The time to ask has passed. Tell us what stopped you asking sooner, for example illness."),
        required_message=_("Tell us why you are asking now"),
        too_long_message=_("Why you are asking now must be 10,000 characters or fewer"),
    )

    def __init__(self, *args: Any, late: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not late:
            del self.fields["late_reasons"]


class LateRequestForm(forms.Form):
    accept = choice(
        "Are the circumstances exceptional enough to accept the late request?",
        [("yes", "Yes, accept it and review the decision"), ("no", "No, do not accept it")],
        "Choose whether to accept the late request",
    )
    reasons = text(
        "Reasons for the victim",
        required=False,
        area=True,
        max_length=5000,
        help_text="Needed if you do not accept it. The victim will read this: use plain English.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("accept") == "no" and not data.get("reasons") and "reasons" not in self.errors:
            self.add_error("reasons", "Explain to the victim why the late request is not accepted")
        return data


class ReviewDecisionForm(forms.Form):
    decision = choice(
        "Your decision",
        [("uphold", "Uphold: the decision not to charge was right"), ("overturn", "Overturn: reopen the case")],
        "Choose your decision",
    )
    reasons = text(
        "Reasons for the victim",
        area=True,
        max_length=5000,
        help_text="The victim will read this. Use plain English and do not include anyone else's personal details.",
        required_message="Give the reasons for your decision",
    )


class TakeForm(forms.Form):
    """No fields: taking a review is one button. A refusal is shown in its error summary."""

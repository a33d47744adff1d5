from django import forms
from django.utils.translation import gettext_lazy as _

from victimsrights.feedback.models import Agreement
from victimsrights.govuk.fields import choice, text

AGREEMENT = list(Agreement.choices)


class FeedbackForm(forms.Form):
    kept_informed = choice(
        _("We kept you informed about what was happening"),
        AGREEMENT,
        _("Select whether you agree we kept you informed"),
    )
    treated_fairly = choice(
        _("We treated you fairly and with respect"), AGREEMENT, _("Select whether you agree we treated you fairly")
    )
    easy_to_use = choice(
        _("This service was easy to use"), AGREEMENT, _("Select whether you agree the service was easy to use")
    )
    in_own_words = text(
        _("Anything else you want to tell us (optional)"),
        required=False,
        area=True,
        max_length=5000,
        too_long_message=_("What you want to tell us must be 5,000 characters or fewer"),
        help_text=_("Do not include your name or anyone else's. Nobody dealing with your case will see this."),
    )

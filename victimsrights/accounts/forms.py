from django import forms
from django.contrib.auth.forms import AuthenticationForm

from victimsrights.govuk.fields import text


def staff_username() -> forms.CharField:
    return forms.CharField(
        label="Username",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false", "data-width": "20"}),
        error_messages={"required": "Enter your username"},
    )


class SignInForm(AuthenticationForm):
    """Django's sign-in, with GOV.UK wording and one message whichever part was wrong."""

    username = staff_username()
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "data-width": "20"}),
        error_messages={"required": "Enter your password"},
    )
    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account is not active. Speak to your line manager",
    }


class SecondFactorForm(forms.Form):
    code = text(
        "Enter the 6-digit code from your authenticator app",
        max_length=12,
        required_message="Enter the 6-digit code from your authenticator app",
        too_long_message="Enter the 6-digit code",
        attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false", "data-width": "5"},
    )

    def clean_code(self) -> str:
        code = "".join(str(self.cleaned_data["code"]).split())
        if not (code.isascii() and code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Enter the 6-digit code from your authenticator app")
        return code


def _new_password(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "data-width": "20"}),
        error_messages={"required": label},
    )


class EnrolForm(forms.Form):
    """A new account's first sign-in: the enrolment code the administrator gave, and the person's own password."""

    username = staff_username()
    code = text(
        "Enrolment code",
        max_length=20,
        help_text="The 12 letters and numbers your administrator gave you, for example K7QP-2MXD-RA4T.",
        required_message="Enter your enrolment code",
        too_long_message="Enter the enrolment code exactly as you were given it",
        attrs={"autocomplete": "off", "spellcheck": "false", "data-width": "10"},
    )
    password = _new_password(
        "Choose a password", help_text="At least 12 characters. Not a common password or one like your name."
    )
    password_again = _new_password("Type the password again")

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("password")
            and cleaned.get("password_again")
            and cleaned["password"] != cleaned["password_again"]
        ):
            self.add_error("password_again", "The passwords do not match. Type the same password twice")
        return cleaned

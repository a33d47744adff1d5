"""Staff sign-in for tests: an authenticator set up for the user, and the code it would show."""

from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.services import second_factor_code_now
from victimsrights.accounts.tests.factories import PASSWORD
from victimsrights.testing.axe import assert_accessible


class StaffClient(Client):
    """A test client whose force_login stands in for the whole staff sign-in: password and authenticator code."""

    def force_login(self, user: Any, backend: str | None = None) -> None:
        super().force_login(user, backend)
        if isinstance(user, StaffUser):
            mark_second_factor_entered(self, user)


def second_factor_for(user: StaffUser) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)


def sign_in_client(client: Client, user: StaffUser) -> None:
    """Sign a test client in as if the user had entered their password and authenticator code."""
    Client.force_login(client, user)
    mark_second_factor_entered(client, user)


def mark_second_factor_entered(client: Client, user: StaffUser) -> None:
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = second_factor_for(user).persistent_id
    session.save()


def sign_in_in_browser(page: Any, base_url: str, username: str, password: str = PASSWORD) -> None:
    """The staff sign-in as a person does it: username and password, then the authenticator's code."""
    device = second_factor_for(StaffUser.objects.get(username=username))
    page.goto(base_url + "/staff/sign-in")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button:text('Sign in')")
    page.wait_for_selector("#id_code")
    assert_accessible(page)
    page.fill("#id_code", second_factor_code_now(device))
    page.click("button:text('Continue')")

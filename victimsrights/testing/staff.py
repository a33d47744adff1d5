"""Staff sign-in for tests: an authenticator set up for the user, and the code it would show."""

import time
from typing import Any

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.tests.factories import PASSWORD
from victimsrights.testing.axe import assert_accessible


def second_factor_for(user: StaffUser) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)


def code_for(device: TOTPDevice) -> str:
    """The code the app shows now, or the next one if now's was used (a code is accepted once)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step  # within the device's tolerance of one step
    return f"{totp.token():06d}"


def sign_in_in_browser(page: Any, base_url: str, username: str, password: str = PASSWORD) -> None:
    """The staff sign-in as a person does it: username and password, then the authenticator's code."""
    device = second_factor_for(StaffUser.objects.get(username=username))
    page.goto(base_url + "/staff/sign-in")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button:text('Sign in')")
    page.wait_for_selector("#id_code")
    assert_accessible(page)
    page.fill("#id_code", code_for(device))
    page.click("button:text('Continue')")

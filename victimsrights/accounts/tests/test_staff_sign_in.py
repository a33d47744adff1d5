"""Staff sign-in: a password, then the authenticator app's code; repeated failures pause sign-in."""

import base64
import datetime
import re
import time

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from victimsrights.accounts.roles import Role
from victimsrights.accounts.services import second_factor_code_now, staff_enrolment_issue
from victimsrights.accounts.tests.factories import PASSWORD, staff
from victimsrights.areas.services import areas_load_file as london_data
from victimsrights.audit.models import AuditEntry

pytestmark = pytest.mark.usefixtures("london")
CASES = reverse("cases:list")
TOKENS = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def password_step(client: Client, username: str, password: str = PASSWORD, next_url: str = CASES):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("accounts:sign-in"), {"username": username, "password": password, "next": next_url}, follow=True
    )


NEW_PASSWORD = "a-long-new-passphrase"


def enrol(client: Client, username: str, code: str, password: str = NEW_PASSWORD, again: str = ""):  # type: ignore[no-untyped-def]
    form = {"username": username, "code": code, "password": password, "password_again": again or password}
    return client.post(reverse("accounts:enrol"), form, follow=True)


def test_a_password_alone_cannot_set_up_an_authenticator():
    """The outside review: whoever first signed in with a new account's password enrolled their own app."""
    officer = staff(Role.INVESTIGATING_OFFICER)
    client = Client()
    page = password_step(client, officer.username)
    assert page.status_code == 403
    assert "Your authenticator app is not set up" in page.content.decode()
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert client.post(reverse("accounts:second-factor"), {"code": "123456", "next": CASES}).status_code == 403
    assert client.get(CASES).status_code == 302


def test_the_enrolment_code_lets_the_person_choose_their_password_and_set_up_the_app():
    officer = staff(Role.INVESTIGATING_OFFICER)
    call_command("enrolment_code", officer.username)  # clears the password an administrator may have known
    code = staff_enrolment_issue(user=officer, actor=None)
    assert password_step(Client(), officer.username).redirect_chain == []  # the old password no longer works

    client = Client()
    wrong = enrol(client, officer.username, "AAAA-BBBB-CCCC")
    assert "The username or enrolment code is not right" in wrong.content.decode()
    unknown = enrol(client, "nobody.at.all", "AAAA-BBBB-CCCC")
    same = [
        TOKENS.sub("", page.content.decode()).replace(name, "USER")
        for page, name in ((wrong, officer.username), (unknown, "nobody.at.all"))
    ]
    assert same[0] == same[1]
    common = enrol(client, officer.username, code, password="password1234")
    assert "This password is too common" in common.content.decode()
    mismatch = enrol(client, officer.username, code, again="something-else-entirely")
    assert "The passwords do not match" in mismatch.content.decode()

    page = enrol(client, officer.username, code.lower())
    assert page.redirect_chain[-1][0] == reverse("accounts:second-factor")
    html = page.content.decode()
    assert "Set up your authenticator app" in html and 'src="data:image/svg+xml;base64,' in html
    key = re.search(r'data-testid="second-factor-key">([A-Z2-7]+)<', html).group(1)
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    assert base64.b32decode(key) == device.bin_key
    assert client.get(CASES).status_code == 302  # still nothing open

    wrong_code = client.post(reverse("accounts:second-factor"), {"code": "000000", "next": CASES})
    assert "That code is not right or has expired" in wrong_code.content.decode()
    assert "govuk-error-summary" in wrong_code.content.decode()
    # After a wrong code the next is refused for a moment (then 2, 4, 8… seconds), even if right.
    too_soon = client.post(reverse("accounts:second-factor"), {"code": second_factor_code_now(device), "next": CASES})
    assert too_soon.status_code == 200
    time.sleep(1.1)
    done = client.post(reverse("accounts:second-factor"), {"code": second_factor_code_now(device), "next": CASES})
    assert done.status_code == 302 and done.url == CASES
    assert client.get(CASES).status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(action="staff.second_factor_set_up").count() == 1
    assert "used or expired" in enrol(Client(), officer.username, code).content.decode()  # once only


def test_an_enrolment_code_stops_working_after_five_wrong_tries():
    officer = staff(Role.INVESTIGATING_OFFICER)
    code = staff_enrolment_issue(user=officer, actor=None)
    for _ in range(5):
        enrol(Client(), officer.username, "AAAA-BBBB-CCCC")
    assert "The username or enrolment code is not right" in enrol(Client(), officer.username, code).content.decode()


def test_later_sign_ins_ask_for_the_code_and_a_code_works_once():
    officer = staff(Role.INVESTIGATING_OFFICER)
    device = TOTPDevice.objects.create(user=officer, name="App", confirmed=True)
    first = Client()
    page = password_step(first, officer.username).content.decode()
    assert "Enter the code from your authenticator app" in page and "second-factor-key" not in page
    code = second_factor_code_now(device)
    assert first.post(reverse("accounts:second-factor"), {"code": code, "next": CASES}).status_code == 302

    second = Client()
    password_step(second, officer.username)
    replay = second.post(reverse("accounts:second-factor"), {"code": code, "next": CASES})
    assert replay.status_code == 200 and "not right" in replay.content.decode()
    assert second.get(CASES).status_code == 302


def test_the_code_page_only_goes_on_to_this_site(client):
    officer = staff(Role.INVESTIGATING_OFFICER)
    device = TOTPDevice.objects.create(user=officer, name="App", confirmed=True)
    password_step(client, officer.username)
    response = client.post(
        reverse("accounts:second-factor"), {"code": second_factor_code_now(device), "next": "https://evil.example/"}
    )
    assert response.url == reverse("accounts:home")


def test_five_wrong_passwords_pause_sign_in_for_any_username_the_same_way():
    officer = staff(Role.INVESTIGATING_OFFICER)
    pages = {}
    for username in (officer.username, "nobody.at.all"):
        client = Client(REMOTE_ADDR=f"10.0.0.{len(pages) + 1}")
        for _ in range(4):
            assert password_step(client, username, "wrong-password").status_code == 200
        assert password_step(client, username, "wrong-password").status_code == 429  # the fifth
        locked = password_step(client, username, PASSWORD if username == officer.username else "x")
        pages[username] = (locked.status_code, locked.content.decode().replace(username, "USER"))
    assert pages[officer.username] == pages["nobody.at.all"]  # no oracle: a real account looks the same
    assert pages[officer.username][0] == 429
    assert "Sign-in is paused for this account" in pages[officer.username][1]

    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=16)
    with time_machine.travel(later, tick=False):
        client = Client(REMOTE_ADDR="10.0.0.9")
        page = password_step(client, officer.username)
        assert page.redirect_chain[-1][0].startswith(reverse("accounts:second-factor"))


def test_a_stranger_failing_from_other_addresses_cannot_pause_a_named_officer():
    """The outside review: five wrong passwords from five addresses paused the registrar everywhere."""
    registrar = staff(Role.CRIME_REGISTRAR, username="registrar")
    home = reverse("accounts:home")
    for n in range(10):
        password_step(Client(REMOTE_ADDR=f"203.0.113.{n}"), registrar.username, "wrong-password", home)
    for _ in range(5):
        password_step(Client(REMOTE_ADDR="203.0.113.50"), registrar.username, "wrong-password", home)
    assert password_step(Client(REMOTE_ADDR="203.0.113.50"), registrar.username, next_url=home).status_code == 429
    page = password_step(Client(REMOTE_ADDR="192.0.2.10"), registrar.username, next_url=home)  # at their desk
    assert page.redirect_chain[-1][0].startswith(reverse("accounts:second-factor"))


def test_demo_code_prints_the_demo_authenticators_code_and_never_in_production(settings, capsys):
    officer = staff(Role.INVESTIGATING_OFFICER)
    device = TOTPDevice.objects.create(user=officer, name="Demo", confirmed=True)
    call_command("demo_code", officer.username)
    assert device.verify_token(capsys.readouterr().out.strip())
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="demo only"):
        call_command("demo_code", officer.username)


TRICKY_CODES = ["", "000000", "12 34 56", "\uff11\uff12\uff13\uff14\uff15\uff16", "\x00", "9" * 5000]  # wide digits


class SecondFactorFuzzTests(HypothesisTestCase):
    """Whatever is typed as the code, the page answers with an error on it, never a server error."""

    @classmethod
    def setUpTestData(cls) -> None:
        london_data()
        cls.officer = staff(Role.INVESTIGATING_OFFICER)
        TOTPDevice.objects.create(user=cls.officer, name="App", confirmed=True)

    @hypothesis_settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(code=st.one_of(st.text(max_size=40), st.sampled_from(TRICKY_CODES)))
    def test_no_code_makes_the_page_fail(self, code: str) -> None:
        self.client.raise_request_exception = False
        self.client.force_login(self.officer)
        session = self.client.session
        session.pop(DEVICE_ID_SESSION_KEY, None)  # signed in by password only
        session.save()
        response = self.client.post(reverse("accounts:second-factor"), {"code": code, "next": CASES})
        assert response.status_code == 200, (code, response.status_code)
        assert b"govuk-error-summary" in response.content

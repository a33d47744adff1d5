import re

import pytest
from django.test import Client
from django.urls import reverse

from victimsrights.accounts.models import VictimAccessCode
from victimsrights.accounts.victims import SESSION_VICTIM_REPORT
from victimsrights.reporting.tests.factories import submitted_report
from victimsrights.testing.worker import run_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("london")]
TOKENS = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def ask_for_code(client: Client, identifier: str):
    client.get(reverse("portal:sign-in"))
    return client.post(reverse("portal:sign-in"), {"identifier": identifier}, follow=True)


def test_a_known_and_an_unknown_reference_get_the_same_page():
    report = submitted_report()

    known = ask_for_code(Client(), report.reference)
    unknown = ask_for_code(Client(), "VR-AAAA-BBBB")

    assert known.redirect_chain == unknown.redirect_chain == [(reverse("portal:code"), 302)]
    assert TOKENS.sub(b"", known.content) == TOKENS.sub(b"", unknown.content)
    assert VictimAccessCode.objects.count() == 2  # the same work either way


def test_the_code_signs_the_victim_in_once_to_their_own_report_only(smtp):
    report = submitted_report()
    client = Client()
    ask_for_code(client, report.reference)
    run_worker()
    code = smtp.mailbox.last_match(r"Your code is: (\d{6})")

    signed_in = client.post(reverse("portal:code"), {"code": code})

    assert signed_in.url == reverse("portal:report")
    assert client.session[SESSION_VICTIM_REPORT] == report.pk
    assert report.reference.encode() in client.get(signed_in.url).content
    other = Client()
    other.get(reverse("portal:sign-in"))
    session = other.session
    session["victim_access_id"] = str(VictimAccessCode.objects.get().pk)
    session.save()
    assert b"can no longer be used" in other.post(reverse("portal:code"), {"code": code}).content


def test_five_wrong_codes_use_up_the_code(smtp):
    report = submitted_report()
    client = Client()
    ask_for_code(client, report.reference)
    run_worker()
    code = smtp.mailbox.last_match(r"Your code is: (\d{6})")
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"

    messages = [client.post(reverse("portal:code"), {"code": wrong}).content for _ in range(5)]
    last = client.post(reverse("portal:code"), {"code": code})

    assert all(b"The code is not right" in m for m in messages[:4])
    assert b"can no longer be used" in messages[4] + last.content
    assert SESSION_VICTIM_REPORT not in client.session


def test_the_victim_pages_need_a_signed_in_victim():
    assert Client().get(reverse("portal:report")).url == reverse("portal:sign-in")
    assert Client().get(reverse("portal:appeal")).url == reverse("portal:sign-in")

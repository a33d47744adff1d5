import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.portal.models import VictimAccessCode
from victimsrights.reporting.models import Report
from victimsrights.reporting.tests.factories import complete_draft
from victimsrights.sealedrecords import services
from victimsrights.sealedrecords.models import SealedRecord, SealedRecordStatus
from victimsrights.testing.html import without_csrf_tokens
from victimsrights.testing.worker import run_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("london")]


@pytest.fixture
def sealed():
    worker = staff(Role.SAFE_PLACE_WORKER, org="The Havens")
    record, code = services.sealed_record_create(
        worker=worker, account="What happened to me.", notes="", victim_email="safe@example.com"
    )
    return record, code


def ask(client: Client, record_code: str):
    client.get(reverse("portal:sealed-sign-in"))
    return client.post(reverse("portal:sealed-sign-in"), {"record_code": record_code}, follow=True)


def sign_in(smtp, record_code: str) -> Client:
    client = Client()
    ask(client, record_code)
    run_worker()
    code = smtp.mailbox.last_match(r"Your code is: (\d{6})")
    assert client.post(reverse("portal:code"), {"code": code}).url == reverse("portal:sealed")
    return client


def test_a_wrong_record_code_gets_the_same_answer_as_a_right_one(sealed, smtp):
    _record, code = sealed

    right, wrong = ask(Client(), code), ask(Client(), "ZZZZ ZZZZ ZZ")

    assert right.redirect_chain == wrong.redirect_chain
    assert without_csrf_tokens(right.content) == without_csrf_tokens(wrong.content)
    run_worker()
    assert [m["To"] for m in smtp.mailbox.messages] == ["safe@example.com"]  # only the real one gets a code
    assert VictimAccessCode.objects.count() == 2


def test_record_codes_are_rate_limited(sealed, settings):
    client = Client(REMOTE_ADDR="203.0.113.99")  # an address of its own: the limit is per address
    for _ in range(5):
        ask(client, "ZZZZ ZZZZ ZZ")
    blocked = ask(client, "ZZZZ ZZZZ ZZ")
    assert b"You have asked for too many codes" in blocked.content


def test_the_victim_signs_in_with_the_record_code_and_destroys_the_record(sealed, smtp):
    record, code = sealed
    client = sign_in(smtp, code)

    page = client.get(reverse("portal:sealed")).content.decode()
    assert "The Havens" in page and "What happened to me." not in page  # the page never shows the account
    client.post(reverse("portal:sealed-action", kwargs={"action": "destroy"}))

    record.refresh_from_db()
    assert record.status == SealedRecordStatus.DESTROYED and record.wrapped_key is None
    assert ask(Client(), code).status_code == 200  # a destroyed record's code now opens nothing
    run_worker()
    assert len(smtp.mailbox.messages) == 1


def test_the_victim_turns_the_record_into_their_own_report_keeping_the_sealed_date(sealed, smtp):
    record, code = sealed
    SealedRecord.objects.filter(pk=record.pk).update(sealed_at=timezone.now() - datetime.timedelta(days=90))
    client = sign_in(smtp, code)

    response = client.post(reverse("portal:sealed-action", kwargs={"action": "report"}))

    assert response.url == reverse("reporting:step", kwargs={"slug": "in-danger"})
    page = client.get(reverse("reporting:step", kwargs={"slug": "what-happened"}))
    assert b"What happened to me." in page.content
    draft_id = client.session["report_draft_id"]
    rest = complete_draft().answers
    for slug, answer in rest.items():
        if slug != "what-happened":
            client.post(reverse("reporting:step", kwargs={"slug": slug}), _as_post(answer))
    key = client.get(reverse("reporting:check-answers")).context["form"].initial["submission_key"]
    client.post(reverse("reporting:check-answers"), {"submission_key": key})

    report = Report.objects.get()
    record.refresh_from_db()
    assert report.first_disclosed_at == record.sealed_at
    assert record.status == SealedRecordStatus.CONVERTED
    assert str(draft_id)


def _as_post(answer: dict) -> dict:
    return {key: value for key, value in answer.items() if value not in ("", None)}

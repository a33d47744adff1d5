import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from victimsrights.portal.models import VictimAccessCode
from victimsrights.portal.session_keys import SESSION_VICTIM_REPORT
from victimsrights.portal.sign_in import MAX_TRIES, RESEND_INTERVAL
from victimsrights.reporting.tests.factories import submitted_report
from victimsrights.testing.html import without_csrf_tokens
from victimsrights.testing.worker import run_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("london")]


def ask_for_code(client: Client, identifier: str):
    client.get(reverse("portal:sign-in"))
    return client.post(reverse("portal:sign-in"), {"identifier": identifier}, follow=True)


def test_a_known_and_an_unknown_reference_get_the_same_page():
    report = submitted_report()

    known = ask_for_code(Client(), report.reference)
    unknown = ask_for_code(Client(), "VR-AAAA-BBBB")

    assert known.redirect_chain == unknown.redirect_chain == [(reverse("portal:code"), 302)]
    assert without_csrf_tokens(known.content) == without_csrf_tokens(unknown.content)
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


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def codes_sent(smtp) -> int:
    return sum("Your code is" in body for body in smtp.mailbox.bodies())


def test_a_strangers_requests_neither_flood_the_victim_nor_lock_them_out(smtp):
    """The outside review: 5 requests by someone who knew the crime number left the victim unable to sign in."""
    report = submitted_report()
    for n in range(12):
        assert ask_for_code(from_address(f"203.0.113.{n}"), report.reference).status_code == 200
        run_worker()
    assert codes_sent(smtp) == 1  # one code message however many ask

    victim = from_address("198.51.100.7")
    page = ask_for_code(victim, report.reference)
    assert b"too many" not in page.content
    run_worker()
    assert codes_sent(smtp) == 1
    code = smtp.mailbox.last_match(r"Your code is: (\d{6})")  # the code in the latest message works
    assert victim.post(reverse("portal:code"), {"code": code}).url == reverse("portal:report")


def test_a_new_code_is_sent_once_the_last_one_has_run_out(smtp):
    report = submitted_report()
    with time_machine.travel(datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC), tick=False) as clock:
        ask_for_code(from_address("203.0.113.1"), report.reference)
        run_worker()
        clock.shift(RESEND_INTERVAL + datetime.timedelta(seconds=1))
        victim = from_address("198.51.100.7")
        ask_for_code(victim, report.reference)
        run_worker()
        assert codes_sent(smtp) == 2
        code = smtp.mailbox.last_match(r"Your code is: (\d{6})")
        assert victim.post(reverse("portal:code"), {"code": code}).url == reverse("portal:report")


def test_the_tries_belong_to_the_code_so_sharing_it_gives_a_guesser_no_more(smtp):
    report = submitted_report()
    ask_for_code(from_address("198.51.100.7"), report.reference)
    run_worker()
    code = smtp.mailbox.last_match(r"Your code is: (\d{6})")
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    guessers = [from_address(f"203.0.113.{n}") for n in range(3)]
    for guesser in guessers:
        ask_for_code(guesser, report.reference)
    answers = [guesser.post(reverse("portal:code"), {"code": wrong}) for guesser in guessers * 2]
    assert all(answer.status_code == 200 for answer in answers)
    assert VictimAccessCode.objects.get(shares__isnull=True).attempts == MAX_TRIES


@pytest.mark.parametrize("known", [True, False])
def test_no_code_goes_outside_the_victims_safe_times_and_the_page_says_nothing_either_way(smtp, known):
    report = submitted_report(**{"safe_times": {"safe_times": ["weekday_morning"]}})
    sunday_night = datetime.datetime(2026, 12, 6, 2, 30, tzinfo=datetime.UTC)
    with time_machine.travel(sunday_night, tick=False):
        page = ask_for_code(Client(), report.reference if known else "VR-AAAA-BBBB")
        run_worker()
    assert page.redirect_chain == [(reverse("portal:code"), 302)]
    assert b"only send codes at the times you told us are safe" in page.content
    assert codes_sent(smtp) == 0
    monday_morning = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)
    with time_machine.travel(monday_morning, tick=False):
        ask_for_code(Client(), report.reference)
        run_worker()
    assert codes_sent(smtp) == 1


def test_a_request_just_before_the_safe_time_does_not_hold_back_the_code_asked_for_once_it_starts(smtp):
    report = submitted_report(**{"safe_times": {"safe_times": ["weekday_morning"]}})
    with time_machine.travel(datetime.datetime(2026, 12, 7, 8, 58, tzinfo=datetime.UTC), tick=False) as clock:
        ask_for_code(Client(), report.reference)  # 8:58 in London: nothing is sent
        run_worker()
        assert codes_sent(smtp) == 0
        clock.shift(datetime.timedelta(minutes=3))  # 9:01, inside the safe time
        victim = Client()
        ask_for_code(victim, report.reference)
        run_worker()
        assert codes_sent(smtp) == 1
        code = smtp.mailbox.last_match(r"Your code is: (\d{6})")
        assert victim.post(reverse("portal:code"), {"code": code}).url == reverse("portal:report")

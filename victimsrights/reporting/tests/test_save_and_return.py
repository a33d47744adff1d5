import re
import uuid

import pytest
from django.urls import reverse

from victimsrights.reporting.selectors import SESSION_DRAFT
from victimsrights.testing.html import without_csrf_tokens

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("london")]


def save_with_code(client, smtp, email: str = "") -> str:
    client.post(
        reverse("reporting:step", kwargs={"slug": "what-happened"}),
        {"what_happened": "My phone was stolen.", "action": "save"},
    )
    response = client.post(reverse("reporting:save"), {"email": email or f"me-{uuid.uuid4().hex[:8]}@example.com"})
    assert response.url == reverse("reporting:saved")
    body = smtp.mailbox.bodies()[-1]
    return re.search(r"Your code is: ([A-Z0-9]{4} [A-Z0-9]{4} [A-Z0-9]{2})", body).group(1)


def test_a_saved_draft_comes_back_in_a_new_browser_with_the_emailed_code(client, django_user_model, smtp):
    code = save_with_code(client, smtp)
    body = smtp.mailbox.bodies()[-1]
    assert "stolen" not in body

    from django.test import Client

    new_browser = Client()
    response = new_browser.post(reverse("reporting:resume"), {"code": code.lower()})

    assert response.status_code == 302
    assert response.url == reverse("reporting:step", kwargs={"slug": "in-danger"})
    page = new_browser.get(reverse("reporting:step", kwargs={"slug": "what-happened"}))
    assert b"My phone was stolen." in page.content


def test_a_wrong_code_gets_the_same_message_whether_or_not_a_draft_exists(client, smtp):
    save_with_code(client, smtp)
    from django.test import Client

    wrong = Client().post(reverse("reporting:resume"), {"code": "AAAA BBBB CC"})

    assert wrong.status_code == 200
    assert b"The code is not right, or it has expired" in wrong.content


def test_guessing_codes_is_rate_limited(client, settings, smtp):
    settings.RESUME_ATTEMPTS_PER_HOUR = 3
    code = save_with_code(client, smtp)
    from django.test import Client

    guesser = Client()
    for _ in range(3):
        guesser.post(reverse("reporting:resume"), {"code": "AAAA BBBB CC"})
    blocked = guesser.post(reverse("reporting:resume"), {"code": code})

    assert b"You have tried too many codes" in blocked.content
    assert SESSION_DRAFT not in guesser.session


def test_if_the_code_email_cannot_be_sent_the_victim_is_told_on_the_same_page(client, settings):
    from victimsrights.testing.processes import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    client.post(reverse("reporting:step", kwargs={"slug": "in-danger"}), {"in_danger": "no", "action": "save"})

    response = client.post(reverse("reporting:save"), {"email": "me@example.com"})

    assert response.status_code == 200
    assert b"we could not send the email just now" in response.content


def test_one_email_address_gets_a_few_codes_an_hour_whoever_asks_and_the_latest_still_works(smtp):
    """The outside review: 15 emails reached one address in 0.4 s."""
    from django.test import Client

    address = f"target-{uuid.uuid4().hex[:8]}@example.com"
    answers = []
    for n in range(15):
        client = Client(REMOTE_ADDR=f"203.0.113.{n}")
        client.post(reverse("reporting:step", kwargs={"slug": "in-danger"}), {"in_danger": "no", "action": "save"})
        answers.append(client.post(reverse("reporting:save"), {"email": address}, follow=True))
    sent = [m for m in smtp.mailbox.messages if m["To"] == address]
    assert len(sent) == 3
    assert len({without_csrf_tokens(a.content) for a in answers}) == 1  # the same answer, sent or not
    code = re.search(r"Your code is: ([A-Z0-9 ]{12})", smtp.mailbox.bodies()[-1]).group(1)
    assert Client().post(reverse("reporting:resume"), {"code": code}).status_code == 302


def test_one_browser_address_cannot_send_codes_without_limit(smtp, settings):
    from django.test import Client

    settings.SAVE_CODES_PER_HOUR = 4
    client = Client(REMOTE_ADDR="203.0.113.200")
    client.post(reverse("reporting:step", kwargs={"slug": "in-danger"}), {"in_danger": "no", "action": "save"})
    for n in range(4):
        client.post(reverse("reporting:save"), {"email": f"someone{n}-{uuid.uuid4().hex[:6]}@example.com"})
    blocked = client.post(reverse("reporting:save"), {"email": "one-more@example.com"})
    assert b"You have asked for too many codes" in blocked.content
    assert len(smtp.mailbox.messages) == 4


def test_the_email_address_is_not_kept_in_the_session(client, smtp):
    address = f"secret-{uuid.uuid4().hex[:8]}@example.com"
    save_with_code(client, smtp, email=address)
    assert address not in str(dict(client.session.items()))
    assert address.encode() not in client.get(reverse("reporting:saved")).content

import re

import pytest
from django.urls import reverse

from victimsrights.reporting.selectors import SESSION_DRAFT

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("london")]


def save_with_code(client, smtp) -> str:
    client.post(
        reverse("reporting:step", kwargs={"slug": "what-happened"}),
        {"what_happened": "My phone was stolen.", "action": "save"},
    )
    response = client.post(reverse("reporting:save"), {"email": "me@example.com"})
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
    from victimsrights.testing.smtp import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    client.post(reverse("reporting:step", kwargs={"slug": "in-danger"}), {"in_danger": "no", "action": "save"})

    response = client.post(reverse("reporting:save"), {"email": "me@example.com"})

    assert response.status_code == 200
    assert b"we could not send the email just now" in response.content

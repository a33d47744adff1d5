"""What the service tells someone after they act ("Done", "That letter has already been posted") is shown on the
next page they see, whatever page that is: one banner, in the base template, and no page draws its own."""

from pathlib import Path

import pytest
from django.urls import reverse

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff

ROOT = Path(__file__).resolve().parents[1]


def test_no_template_but_the_base_one_draws_the_flash_messages():
    drawing = {
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("templates/**/*.html")
        if "for message in messages" in path.read_text()
    }
    assert drawing == {"templates/_messages.html"}
    assert '{% include "_messages.html" %}' in (ROOT / "templates/base.html").read_text()


@pytest.mark.django_db
@pytest.mark.usefixtures("london")
def test_a_message_set_by_an_action_is_shown_on_the_page_it_leads_to(client):
    client.force_login(staff(Role.RECORDING_OFFICER))
    page = client.post(reverse("notify:letters"), {"letter": "not-a-letter"}, follow=True).content.decode()
    assert "govuk-notification-banner" in page and "Choose the letter you posted." in page

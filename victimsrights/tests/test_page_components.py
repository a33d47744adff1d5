"""Pages are built from shared GOV.UK components, drawn in one place: the flash-message banner (in the base template,
so what the service tells someone after they act shows on whatever page comes next), warning text, summary rows."""

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


COMPONENT_MARKUP = {
    "warning text": 'class="govuk-warning-text"',
    "summary list row": 'class="govuk-summary-list__row"',
    "notification banner": 'class="govuk-notification-banner"',
}
# Rows with parts the component does not take yet: a "Change" link, a key with markup in it.
HAND_WRITTEN_ROWS = {"reporting/templates/reporting/check_answers.html", "portal/templates/portal/report.html"}


def test_pages_use_the_govuk_components_instead_of_hand_writing_their_markup():
    for path in ROOT.rglob("templates/**/*.html"):
        name = str(path.relative_to(ROOT))
        if name.startswith("govuk/templates/"):
            continue
        text = path.read_text()
        for component, markup in COMPONENT_MARKUP.items():
            if component == "summary list row" and name in HAND_WRITTEN_ROWS:
                continue
            assert markup not in text, f"{name} hand-writes a {component}: use the govuk tag"

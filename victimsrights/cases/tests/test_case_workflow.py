"""A case between officer and victim: outcomes in plain words, hearings, messages both ways, only the area's officers,
and the migration that fills in each case's area."""

import datetime
import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.cases import services
from victimsrights.cases.models import Case, CaseStatus, OutcomeType
from victimsrights.cases.tests.factories import recorded_case, sign_in_victim

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("london")]
UPDATE = "We have spoken to a witness who saw the man leave the shop."


def test_an_outcome_is_explained_in_plain_words_and_hearings_are_listed(smtp):
    report, case, officer = recorded_case()
    services.hearing_add(
        case_id=case.pk,
        starts_at=timezone.now() + datetime.timedelta(days=30),
        court="Highbury Corner Magistrates' Court",
        what_to_expect="A witness service volunteer will meet you.",
        actor=officer,
    )
    services.outcome_record(
        explanation="We could not find enough evidence to charge anyone.",
        case_id=case.pk,
        outcome=OutcomeType.objects.get(code=1),
        actor=officer,
    )

    case.refresh_from_db()
    assert case.status == CaseStatus.CHARGED
    page = sign_in_victim(smtp, report.reference).get(reverse("portal:report")).content.decode()
    assert "Highbury Corner Magistrates&#x27; Court" in page
    assert "Someone has been charged with the crime" in page


def test_messages_go_both_ways_html_is_escaped_and_the_officer_sees_unanswered_ones(smtp, client):
    report, case, officer = recorded_case()
    victim = sign_in_victim(smtp, report.reference)

    victim.post(reverse("portal:message"), {"body": "<script>alert('x')</script> When will I hear?"})
    client.force_login(officer)
    listing = client.get(reverse("cases:list")).content.decode()
    assert re.search(rf'data-testid="unanswered-{case.pk}">1, oldest', listing)
    officer_page = client.get(reverse("cases:case", kwargs={"case_id": case.pk})).content.decode()
    assert "<script>alert" not in officer_page and "&lt;script&gt;" in officer_page

    client.post(reverse("cases:reply", kwargs={"case_id": case.pk}), {"body": "Next week."})
    assert f'unanswered-{case.pk}"' not in client.get(reverse("cases:list")).content.decode()
    assert "Next week." in victim.get(reverse("portal:report")).content.decode()


def test_an_officer_of_another_area_cannot_see_or_change_the_case(client):
    _report, case, _officer = recorded_case()
    other = staff(Role.INVESTIGATING_OFFICER, area="south-east", username="oic.se")
    client.force_login(other)

    assert client.get(reverse("cases:case", kwargs={"case_id": case.pk})).status_code == 404
    assert client.post(reverse("cases:update", kwargs={"case_id": case.pk}), {"text": "x"}).status_code == 404
    assert not case.timeline.exists()


def test_the_migration_fills_in_each_cases_area_and_waiting_messages():
    migration = importlib.import_module("victimsrights.cases.migrations.0005_case_area_and_waiting_messages")
    report, case, _officer = recorded_case()
    services.message_from_victim(case=case, body="Any news?")
    services.message_from_victim(case=case, body="Hello?")
    first_sent = case.messages.order_by("sent_at").first().sent_at
    Case.objects.update(area=None, unanswered_messages=0, oldest_unanswered_at=None)

    migration.backfill(apps, None)

    case.refresh_from_db()
    assert case.area_id == report.area_id
    assert (case.unanswered_messages, case.oldest_unanswered_at) == (2, first_sent)

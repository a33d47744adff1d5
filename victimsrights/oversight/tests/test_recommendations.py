"""The commissioner's recommendations and the area's answer within 56 days of publication (Domestic Violence, Crime
and Victims Act 2004 s.49A, inserted by the Victims and Prisoners Act 2024 s.22(3))."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.audit.models import AuditEntry
from victimsrights.oversight.models import Recommendation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("london")]
PUBLISHED = "2/3/2027"


def make(client, commissioner, **changes):
    client.force_login(commissioner)
    data = {
        "area": Recommendation._meta.get_field("area").related_model.objects.get(code="central-north").pk,
        "report_title": "Annual report 2026",
        "published_on": PUBLISHED,
        "text": "Answer every message from a victim within one working day.",
        **changes,
    }
    return client.post(reverse("oversight:recommendations"), data)


def test_the_area_answers_within_56_days_of_publication_and_the_commissioner_reads_it(client):
    commissioner = staff(Role.VICTIMS_COMMISSIONER)
    commander = staff(Role.AREA_COMMANDER, area="central-north")
    elsewhere = staff(Role.AREA_COMMANDER, area="south", username="commander.south")

    response = make(client, commissioner)
    recommendation = Recommendation.objects.get()
    assert recommendation.respond_by == datetime.date(2027, 4, 27)  # 2 March 2027 + 56 days
    assert response.status_code == 302

    client.force_login(elsewhere)
    assert "Annual report 2026" not in client.get(reverse("oversight:recommendations")).content.decode()
    url = reverse("oversight:recommendation-respond", kwargs={"recommendation_id": recommendation.pk})
    assert client.post(url, {"response": "Not ours to answer."}).status_code == 404

    client.force_login(commander)
    page = client.get(reverse("oversight:recommendations")).content.decode()
    assert "27 April 2027" in page and "Waiting for an answer" in page
    empty = client.post(url, {"response": ""})
    assert empty.status_code == 200 and "Write your answer" in empty.content.decode()
    with time_machine.travel(datetime.datetime(2027, 4, 27, 22, 30, tzinfo=datetime.UTC)):  # 11:30pm in London
        client.force_login(commander)  # a new sign-in: the idle session would have ended by then
        answered = client.post(url, {"response": "From January every message is answered by the next working day."})
    assert answered.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.answered_in_time is True
    assert client.post(url, {"response": "Again"}).status_code == 200  # answered once: refused on the page
    recommendation.refresh_from_db()
    assert recommendation.response.startswith("From January")

    client.force_login(commissioner)
    page = client.get(reverse("oversight:recommendations")).content.decode()
    assert "From January every message" in page and "Answered in time" in page
    assert {"recommendation.make", "recommendation.respond"} <= set(AuditEntry.objects.values_list("action", flat=True))


def test_an_unanswered_recommendation_past_its_day_is_overdue_and_bad_input_is_said_on_the_page(client):
    commissioner = staff(Role.VICTIMS_COMMISSIONER)
    make(client, commissioner, published_on="1/1/2020")
    page = client.get(reverse("oversight:recommendations")).content.decode()
    assert "Overdue" in page

    bad = make(client, commissioner, published_on="31/02/2027", text="")
    body = bad.content.decode()
    assert bad.status_code == 200 and "govuk-error-summary" in body
    assert "Enter a real date" in body and "Write the recommendation" in body
    assert Recommendation.objects.count() == 1


def test_only_the_commissioner_records_a_recommendation(client):
    commander = staff(Role.AREA_COMMANDER, area="central-north")
    assert make(client, commander).status_code == 200
    assert not Recommendation.objects.exists()

"""The victims' own voice (issue 23): feedback offered once at each moment, optional, kept apart from the case so no
staff role can join it back to one, counted in the plans with disclosure control, read by the commissioner
pseudonymised."""

import pytest
from django.db import models
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.cases import services as cases
from victimsrights.cases.models import OutcomeType
from victimsrights.cases.tests.factories import recorded_case, signed_in
from victimsrights.feedback.models import Agreement, FeedbackOffer, FeedbackResponse, Moment
from victimsrights.feedback.services import pseudonymised
from victimsrights.plans.disclosure import protect
from victimsrights.plans.document import PlanDocument, snapshot_build
from victimsrights.plans.models import Plan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("london")]
WORDS = "The officer called me at work although I asked for evenings only. Ring me on 07700 900 982."
ANSWERS = {"kept_informed": "agree", "treated_fairly": "disagree", "easy_to_use": "neither"}


def test_offered_once_at_each_moment_optional_and_stored_with_no_link_to_the_case():
    report, case, officer = recorded_case()
    client = signed_in(report)
    assert 'data-testid="feedback-offer"' in client.get(reverse("portal:report")).content.decode()

    empty = client.post(reverse("portal:feedback"), {})
    assert empty.status_code == 200 and "Select whether you agree we kept you informed" in empty.content.decode()
    client.post(reverse("portal:feedback"), {**ANSWERS, "in_own_words": WORDS})

    response = FeedbackResponse.objects.get()
    assert (response.moment, response.kept_informed, response.in_own_words) == (Moment.DECIDED, "agree", WORDS)
    assert response.month == timezone.localdate().replace(day=1) and response.area_id == report.area_id
    assert 'data-testid="feedback-offer"' not in client.get(reverse("portal:report")).content.decode()
    assert client.post(reverse("portal:feedback"), ANSWERS).status_code == 302  # nothing due: back to the page
    assert FeedbackResponse.objects.count() == 1

    cases.outcome_record(case_id=case.pk, outcome=OutcomeType.objects.get(code=18), actor=officer, explanation="")
    assert 'data-testid="feedback-offer"' in client.get(reverse("portal:report")).content.decode()  # closed
    client.post(reverse("portal:feedback-decline"))
    assert FeedbackOffer.objects.get(moment=Moment.CLOSED).declined
    assert 'data-testid="feedback-offer"' not in client.get(reverse("portal:report")).content.decode()
    assert FeedbackResponse.objects.count() == 1


def test_a_response_cannot_be_joined_back_to_a_case():
    """No relation to a report, case, review or person; no time, only the month; a random id, so no order."""
    relations = {field.related_model._meta.label for field in FeedbackResponse._meta.get_fields() if field.is_relation}
    assert relations == {"areas.Area", "areas.Borough"}
    assert not any(isinstance(field, models.DateTimeField) for field in FeedbackResponse._meta.get_fields())
    assert isinstance(FeedbackResponse._meta.pk, models.UUIDField)
    offer_fields = {field.name for field in FeedbackOffer._meta.get_fields()}
    assert offer_fields == {"id", "report", "moment", "declined"}  # which offers were made, never the answers


def test_no_staff_page_shows_a_victims_words_but_the_commissioners_pseudonymised_one(client):
    from victimsrights.tests.test_permission_matrix import ALL_URLS

    report, _case, _officer = recorded_case()
    signed_in(report).post(reverse("portal:feedback"), {**ANSWERS, "in_own_words": WORDS})
    shapes = [{}, {"report_id": report.pk}, {"case_id": 1}, {"area_code": "central-north", "year": 2026}]
    for role in Role:
        user = staff(role, username=f"words.{role.value}")
        for name in ALL_URLS:
            url = next((url for kwargs in shapes if (url := _reverse(name, kwargs))), None)
            if url is None or name.startswith(("portal:", "reporting:", "api:")):
                continue
            client.force_login(user)
            page = client.get(url).content.decode()
            assert "07700 900 982" not in page, (role, name)
            assert ("evenings only" in page) is (name == "oversight:feedback" and role == Role.VICTIMS_COMMISSIONER)
            if "evenings only" in page:
                assert report.reference not in page and "[phone number]" in page


def _reverse(name: str, kwargs: dict) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def test_words_are_pseudonymised_for_the_commissioner():
    words = (
        "Email me at jo@example.com or call 020 7946 0000; I live at 12 Acacia Road, NW1 2DB. PC Smith was kind. "
        "MET-2026-0000123"
    )
    assert pseudonymised(words) == (
        "Email me at [email address] or call [phone number]; I live at [address], [postcode]. [name] was kind. "
        "[reference]"
    )


def test_the_plan_counts_agreement_and_hides_it_on_fewer_than_10_responses():
    report, _case, _officer = recorded_case()
    month = timezone.localdate().replace(day=1)
    make = lambda agree, n: FeedbackResponse.objects.bulk_create(  # noqa: E731
        FeedbackResponse(area_id=report.area_id, borough_id=report.borough_id, month=month, moment=Moment.DECIDED,
                         kept_informed=agree, treated_fairly=agree, easy_to_use=agree) for _ in range(n)
    )  # fmt: skip
    make(Agreement.AGREE, 9)
    make(Agreement.DISAGREE, 3)
    plan = Plan(area=report.area, year=month.year)
    document = PlanDocument.from_snapshot(snapshot_build(plan, now=timezone.now()))
    assert document.area.row("feedback.responses").value == 12
    assert document.area.row("feedback.kept_informed_percent").value == 75.0
    assert protect(document).area.row("feedback.kept_informed_percent").value_text == "75.0%"
    FeedbackResponse.objects.filter(kept_informed=Agreement.DISAGREE).delete()
    document = protect(PlanDocument.from_snapshot(snapshot_build(plan, now=timezone.now())))
    assert document.area.row("feedback.kept_informed_percent").value_text == "[c]"  # 9 responses


def test_the_victims_words_are_encrypted_at_rest():
    from django.db import connection

    report, _case, _officer = recorded_case()
    signed_in(report).post(reverse("portal:feedback"), {**ANSWERS, "in_own_words": WORDS})
    with connection.cursor() as cursor:
        cursor.execute("SELECT in_own_words FROM feedback_feedbackresponse")
        (stored,) = cursor.fetchone()
    assert "evenings" not in stored
    assert Client().get(reverse("portal:feedback")).status_code == 302  # not signed in: to the sign-in page

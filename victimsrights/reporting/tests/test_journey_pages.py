"""The report journey over HTTP, as a browser without JavaScript would use it."""

import pytest
from django.urls import reverse

from victimsrights.areas.models import Borough
from victimsrights.reporting.models import Draft, Report
from victimsrights.reporting.selectors import SESSION_DRAFT

pytestmark = pytest.mark.usefixtures("london")


def answer(client, slug, data, **query):
    url = reverse("reporting:step", kwargs={"slug": slug})
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.post(url, data)


def complete_journey(client, *, email="victim@example.com"):
    camden = Borough.objects.get(name="Camden")
    steps = [
        ("in-danger", {"in_danger": "no"}),
        ("what-happened", {"what_happened": "Someone took my bag on the high street."}),
        ("when", {"occurred_day": "3", "occurred_month": "11", "occurred_year": "2026"}),
        ("where", {"where": "borough", "borough": camden.pk}),
        ("people", {"people_involved": ""}),
        ("injuries", {"injured": "no"}),
        ("your-name", {"victim_name": "Sam Example"}),
        ("contact", {"channels": ["email"], "email": email}),
        ("safe-times", {"safe_times": ["any"]}),
        ("wording", {"neutral_wording": "no"}),
        ("support", {"support": ["none"]}),
        ("referral", {"referral_consent": "yes"}),
    ]
    for slug, data in steps:
        response = answer(client, slug, data)
        assert response.status_code == 302, (slug, response.content.decode()[:2000])
    return response


def test_the_whole_journey_ends_on_check_answers_then_a_reference(client):
    last = complete_journey(client)
    assert last.url == reverse("reporting:check-answers")

    page = client.get(last.url)
    assert b"Check your answers before sending your report" in page.content
    assert b"Someone took my bag" in page.content
    key = page.context["form"].initial["submission_key"]

    sent = client.post(last.url, {"submission_key": key})

    assert sent.url == reverse("reporting:confirmation")
    confirmation = client.get(sent.url)
    report = Report.objects.get()
    assert report.reference in confirmation.content.decode()
    assert report.borough.name == "Camden"
    assert report.occurred_on.isoformat() == "2026-11-03"


def test_pressing_send_twice_creates_one_report_and_shows_the_same_reference(client):
    complete_journey(client)
    key = client.get(reverse("reporting:check-answers")).context["form"].initial["submission_key"]

    first = client.post(reverse("reporting:check-answers"), {"submission_key": key})
    second = client.post(reverse("reporting:check-answers"), {"submission_key": key})

    assert first.url == second.url == reverse("reporting:confirmation")
    assert Report.objects.count() == 1
    assert Report.objects.get().reference in client.get(second.url).content.decode()


def test_saying_you_are_in_danger_shows_call_999_and_lets_you_carry_on(client):
    response = answer(client, "in-danger", {"in_danger": "yes"})

    assert response.url == reverse("reporting:call-999")
    page = client.get(response.url)
    assert b"call 999 now" in page.content
    assert reverse("reporting:step", kwargs={"slug": "what-happened"}).encode() in page.content


@pytest.mark.parametrize(
    ("slug", "data", "message", "kept"),
    [
        ("when", {"occurred_day": "31", "occurred_month": "2", "occurred_year": "2026"}, "must be a real date", "31"),
        ("when", {"occurred_day": "1", "occurred_month": "1", "occurred_year": "2999"}, "today or in the past", "2999"),
        ("when", {"occurred_day": "1", "occurred_month": "", "occurred_year": "2026"}, "must include a month", "2026"),
        ("when", {}, "Enter the date it happened, or tell us roughly when", ""),
        ("where", {"where": "postcode", "postcode": "NOT A CODE"}, "Enter a real postcode", "NOT A CODE"),
        ("where", {"where": "borough"}, "Select the London borough", ""),
        ("what-happened", {"what_happened": "x" * 20_001}, "20,000 characters or fewer", "xxxx"),
        ("what-happened", {"what_happened": "hello\x07there"}, "special or invisible characters", "hello"),
        ("what-happened", {"what_happened": "   "}, "Tell us what happened", ""),
        ("contact", {"channels": ["email"], "email": "not-an-email"}, "correct format", "not-an-email"),
        ("contact", {"channels": ["text"], "mobile": "12345"}, "UK mobile phone number", "12345"),
        ("contact", {}, "Select at least one safe way", ""),
        ("safe-times", {"safe_times": ["any", "weekend"]}, "not both", ""),
        ("support", {"support": ["interpreter"]}, "Enter the language", ""),
    ],
)
def test_bad_answers_get_a_specific_message_in_an_error_summary_and_keep_what_was_typed(
    client, slug, data, message, kept
):
    response = answer(client, slug, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html
    assert message in html
    assert html.count(message) >= 2  # in the summary and beside the field
    assert "<title>Error: " in html
    if kept:
        assert kept in html


def test_a_valid_postcode_is_stored_in_the_standard_form(client):
    answer(client, "where", {"where": "postcode", "postcode": "sw1a1aa"})

    draft = Draft.objects.get(pk=client.session[SESSION_DRAFT])
    assert draft.answers["where"]["postcode"] == "SW1A 1AA"


def test_answers_hidden_under_an_unchosen_option_are_dropped(client):
    answer(client, "injuries", {"injured": "no", "injuries": "a broken arm"})

    draft = Draft.objects.get(pk=client.session[SESSION_DRAFT])
    assert draft.answers["injuries"] == {"injured": "no", "injuries": ""}


def test_check_answers_sends_an_unfinished_journey_back_to_the_first_missing_question(client):
    answer(client, "in-danger", {"in_danger": "no"})

    response = client.get(reverse("reporting:check-answers"))

    assert response.url == reverse("reporting:step", kwargs={"slug": "what-happened"})


def test_exit_this_page_ends_the_session_and_leaves_for_a_neutral_site(client, settings):
    answer(client, "in-danger", {"in_danger": "no"})

    response = client.get(reverse("exit"))

    assert response.status_code == 302
    assert response.url == settings.EXIT_PAGE_URL
    assert SESSION_DRAFT not in client.session
    assert client.get(reverse("reporting:check-answers")).url == reverse("reporting:start")


def test_every_victim_page_has_exit_this_page(client):
    for url in [reverse("home"), reverse("reporting:start"), reverse("reporting:step", kwargs={"slug": "when"})]:
        assert b"govuk-exit-this-page" in client.get(url).content


def test_an_unknown_step_is_not_found(client):
    assert client.get("/report/no-such-question").status_code == 404

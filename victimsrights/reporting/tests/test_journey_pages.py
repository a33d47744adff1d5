"""The report journey over HTTP, as a browser without JavaScript would use it."""

import re

import pytest
from django.conf import settings as settings_module
from django.urls import NoReverseMatch, reverse

from victimsrights.areas.models import Borough
from victimsrights.reporting import journey
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
        ("age", {"under_18": "no"}),
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
    carry_on = client.post(reverse("reporting:call-999"))
    assert carry_on.url == reverse("reporting:step", kwargs={"slug": "what-happened"})


def test_i_am_safe_to_continue_is_recorded_as_said_not_as_in_danger(client):
    """The outside review: "I am safe to continue" silently kept "In danger now: Yes"."""
    answer(client, "in-danger", {"in_danger": "yes"})
    client.post(reverse("reporting:call-999"))
    draft = Draft.objects.get()
    assert draft.answers["in-danger"] == {"in_danger": "no", "said_in_danger_first": "yes"}
    in_danger = journey.STEPS_BY_SLUG["in-danger"]
    assert in_danger.summary(draft.answers["in-danger"]).startswith("No. You told us you were in danger")


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


def test_a_postcode_with_its_borough_goes_to_that_boroughs_area_not_the_registrar(client):
    """NW1 2DB is in Camden: with the borough the victim picks under the postcode, the report routes locally."""
    camden = Borough.objects.get(name="Camden")
    answer(client, "where", {"where": "postcode", "postcode": "nw1 2db", "postcode_borough": camden.pk})

    draft = Draft.objects.get(pk=client.session[SESSION_DRAFT])
    assert draft.answers["where"]["postcode"] == "NW1 2DB"
    assert draft.answers["where"]["borough"] == camden.pk
    assert "postcode_borough" not in draft.answers["where"]
    page = client.get(reverse("reporting:step", kwargs={"slug": "where"})).content.decode()
    assert f'<option value="{camden.pk}" selected>' in page  # shown again under the postcode, not under borough


def test_a_postcode_without_a_borough_leaves_it_to_the_registrar(client):
    answer(client, "where", {"where": "postcode", "postcode": "NW1 2DB", "postcode_borough": ""})
    assert Draft.objects.get(pk=client.session[SESSION_DRAFT]).answers["where"]["borough"] is None


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


def test_exit_this_page_leaves_nothing_of_the_site_in_the_browser(client):
    """The outside review: the year-long csrftoken cookie stayed, and no Clear-Site-Data was sent."""
    client.get(reverse("reporting:step", kwargs={"slug": "in-danger"}))  # a form: the CSRF cookie is set
    answer(client, "in-danger", {"in_danger": "no"})
    assert settings_module.CSRF_COOKIE_NAME in client.cookies

    response = client.get(reverse("exit"))

    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    for name in (settings_module.CSRF_COOKIE_NAME, settings_module.SESSION_COOKIE_NAME):
        assert response.cookies[name]["max-age"] == 0 and response.cookies[name].value == ""


@pytest.mark.django_db(transaction=True)
def test_every_page_with_exit_this_page_has_a_title_that_does_not_name_the_service(smtp):
    """Browser history keeps page titles: a victim's pages must not say "Report a crime … police" in it."""
    from victimsrights.cases.tests.factories import recorded_case, sign_in_victim
    from victimsrights.permissions import RULES, Audience

    report, _case, _officer = recorded_case()
    victim = sign_in_victim(smtp, report.reference)
    checked = 0
    for name, rule in RULES.items():
        if rule.audience not in {Audience.PUBLIC, Audience.VICTIM}:
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        response = victim.get(url)
        if response.status_code != 200 or b"govuk-exit-this-page" not in response.content:
            continue
        title = re.search(rb"<title>(.*?)</title>", response.content, re.S).group(1).decode()
        assert title.endswith(f"\N{EN DASH} {settings_module.NEUTRAL_TITLE}"), (name, title)
        assert settings_module.SERVICE_NAME not in title, (name, title)
        checked += 1
    assert checked >= 8

"""The victim's language (Victims' Code Right 1): a pseudo-translation of every marked string, in a right-to-left
locale, built the way a real one is (Django's makemessages, then a compiled catalog), switched to on a victim page."""

import datetime
import html
import json
import re
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django import forms
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.audit.models import AuditEntry
from victimsrights.cases import services as cases
from victimsrights.cases.models import OutcomeType, PropertyKind, PropertyStatus
from victimsrights.cases.outcome_words import OUTSIDE_NATIONAL_SCHEME_WHY, PLAIN_WORDS
from victimsrights.cases.services import OUTCOME_TYPES_FIXTURE
from victimsrights.cases.tests.factories import recorded_case, signed_in
from victimsrights.complaints import services as complaints
from victimsrights.portal.session_keys import SESSION_VICTIM_SEALED_RECORD
from victimsrights.recording import services as recording
from victimsrights.recording.models import RefusalReason
from victimsrights.reporting import journey
from victimsrights.reporting.models import Report
from victimsrights.reporting.tests.factories import submitted_report
from victimsrights.reviews import services as reviews
from victimsrights.sealedrecords.services import sealed_record_create
from victimsrights.testing.axe import assert_accessible
from victimsrights.testing.browser import chromium_page

MAKEMESSAGES_IGNORE = ["node_modules/*", "staticfiles/*", "bench/*", "docs/*", ".venv/*"]  # as `make messages`
PSEUDO = "ar-xb"  # Android's right-to-left pseudo-locale: Arabic's direction, no real language's words
LANGUAGES = [("en-gb", "English"), (PSEUDO, "Pseudo right-to-left")]
# Every string the frame of a victim page shows (header, exit button, footer), marked for translation.
FRAME = [
    "Skip to main content",
    "Victims' Rights Service",
    "Exit this page",
    "Accessibility statement",
    "Privacy",
    "Staff sign in",
    "In an emergency, call 999. If you are deaf or hard of hearing, text 999 once you have registered with "
    "emergencySMS.",
]


# Victim pages that need no report or case to show; the case pages are walked below, in a case.
FULLY_MARKED = ["reporting:start", "reporting:resume", "portal:sign-in", "portal:sealed-sign-in"]
# The online report, a page at a time, with answers of the victim's own (in brackets: they are not the service's).
JOURNEY = [
    ("in-danger", {"in_danger": "no"}),
    ("what-happened", {"what_happened": "⟪He took my bag.⟫"}),
    ("when", {"occurred_day": "1", "occurred_month": "2", "occurred_year": "2026"}),
    ("where", {"where": "unknown"}),
    ("people", {"people_involved": "⟪A man in a red coat.⟫"}),
    ("injuries", {"injured": "no"}),
    ("your-name", {"victim_name": "⟪Ada⟫"}),
    ("age", {"under_18": "no"}),
    ("contact", {"channels": ["phone"], "phone": "020 7946 0000"}),
    ("safe-times", {"safe_times": ["weekday_evening"]}),
    ("voicemail", {"voicemail": "no"}),
    ("wording", {"neutral_wording": "yes", "safe_word": "⟪kestrel⟫"}),
    ("support", {"support": ["interpreter"], "interpreter_language": "⟪Polish⟫"}),
    ("referral", {"referral_consent": "yes"}),
]
# Answers each page must refuse, so that its error messages show too.
REFUSED = {
    "what-happened": [{"what_happened": "⟪x⟫" * 7_000}],
    "people": [{"people_involved": "⟪x⟫" * 7_000}],
    "when": [{"occurred_day": "1"}, {"occurred_day": "31", "occurred_month": "2", "occurred_year": "2026"}],
    "where": [{"where": "postcode", "postcode": "SW1A"}],
    "contact": [{"channels": ["text", "email"], "mobile": "020", "email": "no"}],
    "support": [{"support": ["none", "accessibility"]}],
}


class _Text(HTMLParser):
    """The text a page shows or reads out: every text node outside scripts, styles and drawings."""

    def __init__(self) -> None:
        super().__init__()
        self.skipping: list[str] = []
        self.nodes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "svg"):
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping and data.strip():
            self.nodes.append(data.strip())


def untranslated(page: str, data: Sequence[str] = ()) -> list[str]:
    """Words left in English: text outside the pseudo-translation's brackets, beyond the names each deployment
    configures for itself, the languages' own names (each in its own language, in the switch) and `data`: names and
    numbers the page shows as they are. A translated sentence may hold a link, or translated parts: brackets go
    innermost first, with any markup inside them."""
    for words in sorted(data, key=len, reverse=True):
        page = page.replace(html.escape(words), "").replace(words, "")
    while re.search(r"⟪[^⟪⟫]*⟫", page):
        page = re.sub(r"⟪[^⟪⟫]*⟫", "", page)
    parser = _Text()
    parser.feed(page)
    configured = {django_settings.SERVICE_NAME, django_settings.NEUTRAL_TITLE, *(name for _, name in LANGUAGES)}
    left = []
    for node in parser.nodes:
        rest = node
        for name in configured:
            rest = rest.replace(name, "")
        if re.search(r"[A-Za-z]", rest):
            left.append(node)
    return left


def pseudo(text: str) -> str:
    return f"⟪{text}⟫"


@pytest.fixture(scope="module")
def pseudo_catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    locale = tmp_path_factory.mktemp("locale")
    with override_settings(LOCALE_PATHS=[locale]):
        call_command(
            "makemessages",
            locale=["ar_XB"],
            ignore_patterns=[*MAKEMESSAGES_IGNORE, "victimsrights/locale"],  # else it writes there
            verbosity=0,
        )
    catalog = locale / "ar_XB" / "LC_MESSAGES"
    po = polib.pofile(str(catalog / "django.po"))
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    for entry in po:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: pseudo(entry.msgid), 1: pseudo(entry.msgid_plural)}
        else:
            entry.msgstr = pseudo(entry.msgid)
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    po.save_as_mofile(str(catalog / "django.mo"))
    return locale


@pytest.fixture
def in_pseudo(settings, pseudo_catalog):  # type: ignore[no-untyped-def]
    settings.LOCALE_PATHS = [pseudo_catalog]
    settings.LANGUAGES = LANGUAGES


def test_english_alone_offers_no_switch(client, settings):
    settings.LANGUAGES = [("en-gb", "English")]
    page = client.get(reverse("reporting:start")).content.decode()
    assert '<html lang="en-gb" dir="ltr"' in page and 'data-testid="language-switch"' not in page


@pytest.mark.django_db
def test_a_victim_switches_language_and_every_marked_string_of_the_page_frame_follows(client, in_pseudo):
    start = reverse("reporting:start")
    english = client.get(start).content.decode()
    assert 'data-testid="language-switch"' in english and 'lang="ar-xb"' in english
    response = client.post(reverse("set-language"), {"language": PSEUDO, "next": start})
    assert response.status_code == 302 and response["Location"] == start

    page = html.unescape(client.get(start).content.decode())  # remembered: a cookie, not the address
    assert '<html lang="ar-xb" dir="rtl"' in page
    assert [text for text in FRAME if pseudo(text) not in page] == []
    for staff_page_name in ("accounts:sign-in", "safeplace:home"):  # staff pages are in English, with no switch
        staff_page = html.unescape(client.get(reverse(staff_page_name), follow=True).content.decode())
        assert '<html lang="en-gb" dir="ltr"' in staff_page and "⟪" not in staff_page, staff_page_name
        assert 'data-testid="language-switch"' not in staff_page


@pytest.mark.django_db
@pytest.mark.parametrize("name", FULLY_MARKED)
def test_every_word_of_a_marked_victim_page_is_translated(client, in_pseudo, name):
    client.post(reverse("set-language"), {"language": PSEUDO, "next": "/"})
    assert untranslated(client.get(reverse(name)).content.decode()) == []


@pytest.mark.django_db
def test_every_page_of_the_online_report_and_its_error_messages_are_translated(client, in_pseudo):
    client.post(reverse("set-language"), {"language": PSEUDO, "next": "/"})
    for slug, answer in JOURNEY:
        address = reverse("reporting:step", kwargs={"slug": slug})
        page = client.get(address)
        assert page.status_code == 200, slug
        assert untranslated(page.content.decode()) == [], slug
        for refused in [{}, *REFUSED.get(slug, [])]:
            response = client.post(address, {**refused, "action": "continue"})
            if response.status_code == 302 and not refused:
                continue  # every question on the page is optional
            errors = response.content.decode()
            assert "govuk-error-summary" in errors, (slug, refused)
            assert untranslated(errors) == [], (slug, refused)
        assert client.post(address, {**answer, "action": "continue"}).status_code == 302, slug
    check = client.get(reverse("reporting:check-answers"))
    assert check.status_code == 200 and untranslated(check.content.decode()) == []
    for page in ("reporting:save", "reporting:call-999"):
        assert untranslated(client.get(reverse(page)).content.decode()) == [], page
    refused_email = client.post(reverse("reporting:save"), {"email": "not an address"}).content.decode()
    assert "govuk-error-summary" in refused_email and untranslated(refused_email) == []


@pytest.mark.django_db
def test_signing_in_to_a_report_and_out_again_is_translated_errors_included(client, in_pseudo):
    client.post(reverse("set-language"), {"language": PSEUDO, "next": "/"})
    for page in ("portal:sign-in", "portal:sealed-sign-in"):
        refused = client.post(reverse(page), {}).content.decode()
        assert "govuk-error-summary" in refused and untranslated(refused) == [], page
    assert client.post(reverse("portal:sign-in"), {"identifier": "VR-AAAA-BBBB"}).status_code == 302
    assert untranslated(client.get(reverse("portal:code")).content.decode()) == []
    wrong = client.post(reverse("portal:code"), {"code": "000000"}).content.decode()
    assert "govuk-error-summary" in wrong and untranslated(wrong) == []
    assert untranslated(client.post(reverse("portal:sign-out")).content.decode()) == []


def _every_word_of(client, address: str, refused: Sequence[dict[str, str]], data: Sequence[str]) -> list[str]:
    """What a victim page and each of its refused answers leave in English."""
    page = client.get(address)
    assert page.status_code == 200, address
    left = untranslated(page.content.decode(), data)
    for answer in refused:
        errors = client.post(address, answer)
        assert errors.status_code == 200 and "govuk-error-summary" in errors.content.decode(), (address, answer)
        left += untranslated(errors.content.decode(), data)
    return left


@pytest.mark.django_db
def test_every_page_of_a_victims_case_and_its_error_messages_are_translated(london, in_pseudo):
    """The case page at each point of a case (officer, update, hearing, property, messages, complaint answered,
    closed with no charge, review asked for), with every form the victim can send from it, refused answers included.
    What people typed is in brackets: it is theirs, not the service's. Names and numbers are shown as they are; the
    offence's and outcome's words come from the Home Office's lists and await translation (README)."""
    report, case, officer = recorded_case(language=PSEUDO)
    cases.case_take(case_id=case.pk, actor=officer)
    cases.update_publish(case_id=case.pk, text="⟪We asked the shops for CCTV.⟫", actor=officer)
    in_a_month = timezone.now() + datetime.timedelta(days=30)
    cases.hearing_add(
        case_id=case.pk, starts_at=in_a_month, court="⟪Highbury⟫", what_to_expect="⟪1 hour⟫", actor=officer
    )
    cases.property_record(
        case_id=case.pk,
        description="⟪Bike⟫",
        kind=PropertyKind.STOLEN,
        status=PropertyStatus.READY_TO_COLLECT,
        collection="⟪Holborn⟫",
        actor=officer,
    )
    victim = signed_in(report)
    victim.post(reverse("set-language"), {"language": PSEUDO, "next": "/"})
    cases.message_from_victim(case=case, body="⟪Any news?⟫")
    cases.message_reply(case_id=case.pk, body="⟪Not yet.⟫", actor=officer)
    complaint = complaints.complaint_make(report=report, what_went_wrong="⟪Nobody called.⟫")
    standards = staff(Role.PROFESSIONAL_STANDARDS, area=report.area.code)
    complaints.complaint_answer(complaint_id=complaint.pk, upheld=False, answer="⟪We did.⟫", actor=standards)
    crime = report.crime
    data = [crime.crime_number, report.reference, crime.classification.description, crime.recorded_by_team]
    data += [officer.get_full_name()]
    too_long = "⟪x⟫" * 4_000
    left = _every_word_of(victim, reverse("portal:report"), [], data)
    refused_message = victim.post(reverse("portal:message"), {"body": ""})
    assert "govuk-error-summary" in refused_message.content.decode()
    left += untranslated(refused_message.content.decode(), data)
    left += _every_word_of(victim, reverse("portal:contact"), [{"channels": ["email"], "email": "no"}], data)
    left += _every_word_of(victim, reverse("portal:complaint-escalate"), [{}, {"why_not_satisfied": too_long}], data)

    cases.outcome_record(
        case_id=case.pk, outcome=OutcomeType.objects.get(code=15), explanation="⟪No witness.⟫", actor=officer
    )
    left += _every_word_of(victim, reverse("portal:report"), [], data)
    left += _every_word_of(victim, reverse("portal:feedback"), [{}], data)
    left += _every_word_of(victim, reverse("portal:review"), [{"reasons": too_long}], data)
    reviews.review_request(case_id=case.pk, reasons="⟪Look again.⟫", late_reasons="")
    left += _every_word_of(victim, reverse("portal:report"), [], data)
    left += _every_word_of(victim, reverse("portal:complaint"), [{}], data)

    declined = submitted_report(language=PSEUDO, seed=2)
    recording.report_decline(
        report_id=declined.pk,
        reason=RefusalReason.INCIDENT_ONLY,
        explanation="⟪It is an incident.⟫",
        actor=staff(Role.RECORDING_OFFICER, area=declined.area.code, username="recording"),
    )
    other = signed_in(declined)
    other.post(reverse("set-language"), {"language": PSEUDO, "next": "/"})
    data += [declined.reference]
    left += _every_word_of(other, reverse("portal:report"), [], data)
    left += _every_word_of(other, reverse("portal:appeal"), [{}], data)
    recording.appeal_submit(report_id=declined.pk, reasons="⟪It was a crime.⟫", made_by="the victim, online")
    left += _every_word_of(other, reverse("portal:report"), [], data)

    worker = staff(Role.SAFE_PLACE_WORKER, username="worker", org="⟪Test Refuge⟫")
    record, _code = sealed_record_create(worker=worker, account="⟪What happened⟫", notes="")
    sealed = other.session
    sealed[SESSION_VICTIM_SEALED_RECORD] = str(record.pk)
    sealed.save()
    left += _every_word_of(other, reverse("portal:sealed"), [], data)
    assert left == []


def test_every_word_a_report_question_can_show_is_marked_for_translation():
    """Labels, hints, choices and every error message of each question: marked (lazy), so each is looked up in
    the reader's language when the page is drawn, not fixed in English when the service starts."""
    unmarked = []
    for step in journey.STEPS:
        if step.slug == "consent":  # the safe-place worker's page, in English
            continue
        for name, field in step.form_class.base_fields.items():
            words = [field.label, field.help_text, *field.error_messages.values()]
            if isinstance(field, forms.ModelChoiceField):  # the choices are places, named as they are
                words.append(field.empty_label if field.empty_label != "---------" else "")
            else:
                words += [label for _, label in getattr(field, "choices", [])]
            unmarked += [(step.slug, name, str(word)) for word in words if word and not isinstance(word, Promise)]
    assert unmarked == []


def test_every_outcome_type_a_victim_can_be_told_has_words_marked_for_translation():
    rows = json.loads(OUTCOME_TYPES_FIXTURE.read_text(encoding="utf-8"))["outcome_types"]
    assert {row["code"] for row in rows} == set(PLAIN_WORDS)
    assert all(isinstance(words, Promise) for words in PLAIN_WORDS.values())
    why = {row["outside_national_scheme"] for row in rows if row.get("outside_national_scheme")}
    assert why and why <= set(OUTSIDE_NATIONAL_SCHEME_WHY)


POLISH = Path(django_settings.BASE_DIR) / "victimsrights" / "locale" / "pl" / "LC_MESSAGES" / "django.po"
PLACEHOLDERS = re.compile(r"%%\{\w+\}|%\(\w+\)s|\{\w+\}")


def test_the_polish_translation_has_every_marked_string_with_its_placeholders(pseudo_catalog):
    """Marked now (makemessages, as the pseudo-translation was built) = translated in Polish: nothing new left in
    English, nothing stale, each placeholder kept, every plural form given (Polish has four)."""
    marked = polib.pofile(str(pseudo_catalog / "ar_XB" / "LC_MESSAGES" / "django.po"))
    polish = polib.pofile(str(POLISH))
    assert {(e.msgctxt, e.msgid) for e in polish if not e.obsolete} == {(e.msgctxt, e.msgid) for e in marked}
    for entry in polish:
        assert "fuzzy" not in entry.flags, entry.msgid
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        assert len(translations) == (4 if entry.msgid_plural else 1) and all(translations), entry.msgid
        for translation in translations:
            assert sorted(PLACEHOLDERS.findall(translation)) == sorted(PLACEHOLDERS.findall(entry.msgid)), entry.msgid


@pytest.mark.django_db
def test_a_victim_reading_polish_is_told_the_translation_awaits_a_professional_review(client):
    assert ("pl", "Polski") in django_settings.LANGUAGES and "pl" in django_settings.LANGUAGES_AWAITING_REVIEW
    start = reverse("reporting:start")
    assert 'data-testid="translation-awaiting-review"' not in client.get(start).content.decode()
    client.post(reverse("set-language"), {"language": "pl", "next": start})
    page = client.get(start).content.decode()
    assert '<html lang="pl" dir="ltr"' in page and "Zgłoś przestępstwo" in page
    assert 'data-testid="translation-awaiting-review"' in page and "profesjonalnego tłumacza" in page
    asked = client.post(reverse("reporting:step", kwargs={"slug": "in-danger"}), {"action": "continue"})
    assert "Zaznacz „Tak”, jeśli grozi Ci teraz niebezpieczeństwo" in asked.content.decode()


@pytest.mark.browser
def test_the_online_report_in_polish_counts_characters_in_polish_plurals(live_server):
    with chromium_page() as page:
        page.goto(live_server.url + reverse("reporting:start"))
        page.click("button[value=pl]")
        assert page.locator("html").get_attribute("lang") == "pl"
        assert page.locator("[data-testid=translation-awaiting-review]").is_visible()
        assert_accessible(page)
        page.click(".govuk-button--start")
        page.check("input[name=in_danger][value=no]")
        page.click("button[value=continue]")
        assert page.locator("h1").inner_text() == "Co się stało?"
        count = page.locator(".govuk-character-count__status")
        for typed, words in (("abcdef", "Pozostały Ci 19 994 znaki"), ("abc", "Pozostało Ci 19 997 znaków")):
            page.fill("textarea[name=what_happened]", typed)
            page.wait_for_function(
                "words => document.querySelector('.govuk-character-count__status').textContent.trim()"
                ".replace(/\\s/g, ' ') === words",
                arg=words,
            )
        assert "Pozostało Ci" in count.inner_text()
        page.fill("textarea[name=what_happened]", "")
        page.click("button[value=continue]")
        assert page.locator(".govuk-error-summary__title").inner_text() == "Wystąpił problem"
        assert_accessible(page)


@pytest.mark.django_db
def test_a_report_made_in_polish_is_answered_in_polish_and_a_signed_in_victim_can_switch(client, london):
    client.post(reverse("set-language"), {"language": "pl", "next": "/"})
    for slug, answer in JOURNEY:
        client.post(reverse("reporting:step", kwargs={"slug": slug}), {**answer, "action": "continue"})
    check = client.get(reverse("reporting:check-answers")).content.decode()
    key = re.search(r'name="submission_key" value="([^"]+)"', check)
    assert key and client.post(reverse("reporting:check-answers"), {"submission_key": key[1]}).status_code == 302
    report = Report.objects.get()
    assert report.language == "pl"
    assert "Twój numer referencyjny to" in client.get(reverse("reporting:confirmation")).content.decode()

    victim = signed_in(report)
    victim.post(reverse("set-language"), {"language": "en-gb", "next": "/"})
    report.refresh_from_db()
    assert report.language == "en-gb"
    assert AuditEntry.objects.filter(action="report.language", subject_id=str(report.pk)).count() == 1
    victim.post(reverse("set-language"), {"language": "xx", "next": "/"})  # not offered: nothing changes
    report.refresh_from_db()
    assert report.language == "en-gb"


@pytest.mark.django_db
def test_a_polish_victims_case_page_and_the_services_words_on_it_are_in_polish(london):
    report, case, officer = recorded_case(language="pl")
    cases.case_take(case_id=case.pk, actor=officer)  # written on the victim's page in their language, and kept
    victim = signed_in(report)
    victim.post(reverse("set-language"), {"language": "pl", "next": "/"})
    page = html.unescape(victim.get(reverse("portal:report")).content.decode())
    assert "Policja prowadzi postępowanie w Twojej sprawie" in page
    assert f"{officer.get_full_name()} prowadzi teraz Twoją sprawę." in page
    victim.post(reverse("set-language"), {"language": "en-gb", "next": "/"})
    english = html.unescape(victim.get(reverse("portal:report")).content.decode())
    assert "The police are investigating your crime" in english


def test_the_check_finds_words_left_in_english():
    assert untranslated("<p>⟪Report a crime⟫</p><script>var English = 1;</script>") == []
    assert untranslated("<p>⟪Report⟫ a crime</p>") == ["a crime"]
    assert untranslated('<p>⟪To see it, <a href="/">sign in</a>.⟫</p>') == []
    assert untranslated('<p>⟪To see it,⟫ <a href="/">sign in</a>.</p>') == ["sign in"]
    assert untranslated("<p>⟪⟪The date⟫ must include ⟪a day⟫⟫</p>") == []
    assert untranslated("<p>⟪The date⟫ must include ⟪a day⟫</p>") == ["must include"]


@pytest.mark.browser
def test_a_right_to_left_language_lays_the_page_out_from_the_right(live_server, in_pseudo):
    with chromium_page() as page:
        page.goto(live_server.url + reverse("reporting:start"))
        page.click(f"button[value={PSEUDO}]")
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        heading = page.locator("h1").bounding_box()
        main = page.locator("main").bounding_box()
        assert heading and main
        # Text starts at the right: the heading ends at the right edge of the main column, not the left.
        assert abs((heading["x"] + heading["width"]) - (main["x"] + main["width"])) < 40
        assert "⟪Exit this page⟫" in page.inner_text(".govuk-exit-this-page")
        assert_accessible(page)
        page.click(".govuk-button--start")  # a question with radios: each circle sits to the right of its words
        radio = page.locator(".govuk-radios__item").first
        circle = radio.evaluate("item => getComputedStyle(item.querySelector('label'), '::before').right")
        words = radio.locator("label").bounding_box()
        box = radio.locator("input").bounding_box()
        assert circle == "2px" and words and box and box["x"] > words["x"]
        assert_accessible(page)

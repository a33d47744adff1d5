"""What a victim and an officer meet the first time they use the service (issue 19's walk-through), each as a
class: every heading for every state, every time on the victim's page, every closed-case action."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.audit.models import AuditEntry
from victimsrights.cases import services as cases
from victimsrights.cases.models import Hearing, OutcomeType
from victimsrights.cases.tests.factories import recorded_case, signed_in
from victimsrights.govuk.formats import time_words, when_words
from victimsrights.oversight.selectors import report_references
from victimsrights.recording import services as recording
from victimsrights.recording.models import RefusalReason
from victimsrights.reporting.tests.factories import submitted_report
from victimsrights.testing.staff import StaffClient

pytestmark = pytest.mark.usefixtures("london")
EXPLANATION = "The only witness could not pick anyone out, and there was no CCTV."
NEXT_MONTH = timezone.now() + datetime.timedelta(days=30)
TEMPLATES = Path(__file__).resolve().parents[2]
# GOV.UK style: 10am, 5:30pm, midday, midnight; never 10:00am, 10:00 a.m. or 17:30 on a victim's page.
GOVUK_TIME = re.compile(r"\b(?:1[0-2]|[1-9])(?::[0-5]\d)?(?:am|pm)\b|\bmidday\b|\bmidnight\b")
OTHER_TIME = re.compile(r"\b\d{1,2}:\d{2}\s*(?:a\.m\.|p\.m\.)|\b\d{1,2}:00(?:am|pm)\b|\b[0-2]\d:[0-5]\d\b")


def victims_page(report) -> str:
    return signed_in(report).get(reverse("portal:report")).content.decode()


def heading(page: str) -> str:
    return re.search(r'data-testid="where-it-is">([^<]+)<', page).group(1)  # type: ignore[union-attr]


def test_a_victim_can_sign_out_from_every_page_of_their_own_and_nothing_is_left_open():
    report = submitted_report()
    client = signed_in(report)
    for name in ("portal:report", "portal:contact", "portal:complaint"):
        assert 'data-testid="sign-out"' in client.get(reverse(name)).content.decode(), name

    response = client.post(reverse("portal:sign-out"))

    assert "You have signed out" in response.content.decode()
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert client.get(reverse("portal:report")).url == reverse("portal:sign-in")
    assert 'data-testid="sign-out"' not in client.get(reverse("home")).content.decode()


def test_the_heading_says_where_the_report_or_case_is_now_in_every_state():
    received = submitted_report()
    declined = submitted_report()
    recording.report_decline(
        report_id=declined.pk,
        reason=RefusalReason.NO_CRIME_DISCLOSED,
        explanation="What you describe is not a crime.",
        actor=staff(Role.RECORDING_OFFICER),
    )
    investigating, case, officer = recorded_case()
    charged, charged_case, _ = recorded_case()
    cases.outcome_record(
        case_id=charged_case.pk, outcome=OutcomeType.objects.get(code=1), actor=officer, explanation=""
    )
    not_charged, closed_case, _ = recorded_case()
    cases.outcome_record(
        case_id=closed_case.pk, outcome=OutcomeType.objects.get(code=15), actor=officer, explanation=EXPLANATION
    )

    headings = {name: heading(victims_page(report)) for name, report in locals().items() if name in STATES}

    assert headings == STATES


STATES = {
    "received": "We are deciding how to record your report",
    "declined": "We decided not to record your report as a crime",
    "investigating": "The police are investigating your crime",
    "charged": "Someone has been charged: the case is going to court",
    "not_charged": "No one is being charged: your case is closed",
}


def test_a_case_closed_with_no_charge_shows_no_hearing_and_tells_the_victim_it_will_not_go_ahead():
    report, case, officer = recorded_case()
    cases.hearing_add(case_id=case.pk, starts_at=NEXT_MONTH, court="Highbury Corner", what_to_expect="", actor=officer)
    assert "Court hearings" in victims_page(report)

    cases.outcome_record(
        case_id=case.pk, outcome=OutcomeType.objects.get(code=15), actor=officer, explanation=EXPLANATION
    )

    page = victims_page(report)
    assert "Court hearings" not in page
    assert f"The court hearing on {when_words(NEXT_MONTH)} will not go ahead." in page
    assert EXPLANATION in page  # the officer's own words, beside the Home Office's sentence
    assert Hearing.objects.get().vacated_at is not None


def test_the_timeline_starts_with_the_report_received_and_recorded():
    report, case, _officer = recorded_case()
    page = victims_page(report)
    timeline = page[page.index('data-testid="timeline"') :]
    assert "Report received" in timeline and "Recorded as a crime" in timeline
    assert case.crime.crime_number in timeline


def test_every_time_on_the_victims_page_is_written_the_govuk_way():
    report, case, officer = recorded_case()
    at_half_past = NEXT_MONTH.replace(hour=14, minute=30)
    cases.hearing_add(
        case_id=case.pk, starts_at=at_half_past, court="Highbury Corner", what_to_expect="", actor=officer
    )
    cases.message_reply(case_id=case.pk, body="I will call you on Tuesday.", actor=officer)

    page = re.sub(r"<[^>]+>", " ", victims_page(report))  # the words, not the datetime attributes

    assert len(GOVUK_TIME.findall(page)) >= 4  # received, recorded, hearing (twice), message
    assert OTHER_TIME.findall(page) == []
    assert "2:30pm" in page


@pytest.mark.parametrize(
    ("hour", "minute", "words"), [(10, 0, "10am"), (17, 30, "5:30pm"), (12, 0, "midday"), (0, 0, "midnight")]
)
def test_times_follow_the_govuk_style_guide(hour, minute, words):
    at = timezone.localtime().replace(hour=hour, minute=minute)
    assert time_words(at) == words


def test_no_template_a_victim_reads_writes_a_time_its_own_way():
    """Victim-facing templates (not staff pages, which keep the 24-hour clock) use |govuk_when for times."""
    own_clock = re.compile(r"""\|date:["'][^"']*[aAfgGhHiP][^"']*["']""")
    offenders = []
    for path in TEMPLATES.glob("*/templates/**/*"):
        if path.suffix not in {".html", ".txt"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        victims_read_it = '{% extends "base.html" %}' in text or path.suffix == ".txt" or path.parent.name == "portal"
        if not victims_read_it:
            continue
        offenders += [f"{path.name}: {m}" for m in own_clock.findall(text) if "|date:'c'" not in m]
    assert offenders == []


def test_an_empty_message_from_the_victim_is_refused_on_the_page_not_dropped():
    report, _case, _officer = recorded_case()
    response = signed_in(report).post(reverse("portal:message"), {"body": "   "})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode() and "Write your message" in response.content.decode()


def test_a_closed_case_offers_no_hearing_update_or_outcome_and_the_service_refuses_them():
    _report, case, officer = recorded_case()
    cases.outcome_record(case_id=case.pk, outcome=OutcomeType.objects.get(code=18), actor=officer, explanation="")
    client = StaffClient()
    client.force_login(officer)
    page = client.get(reverse("cases:case", kwargs={"case_id": case.pk})).content.decode()

    for action in ("Add hearing", "Publish update", "Record outcome"):
        assert action not in page
    assert "Send to the victim" in page  # a message still reaches them
    with pytest.raises(cases.CaseRefused):
        cases.hearing_add(case_id=case.pk, starts_at=NEXT_MONTH, court="Wood Green", what_to_expect="", actor=officer)
    with pytest.raises(cases.CaseRefused):
        cases.update_publish(case_id=case.pk, text="Anything", actor=officer)


def test_the_same_hearing_cannot_be_added_twice():
    _report, case, officer = recorded_case()
    cases.hearing_add(case_id=case.pk, starts_at=NEXT_MONTH, court="Wood Green", what_to_expect="", actor=officer)
    with pytest.raises(cases.CaseRefused, match="already on the case"):
        cases.hearing_add(case_id=case.pk, starts_at=NEXT_MONTH, court="wood green ", what_to_expect="", actor=officer)
    assert case.hearings.count() == 1


def test_a_decision_not_to_charge_needs_the_officers_own_explanation():
    _report, case, officer = recorded_case()
    with pytest.raises(cases.CaseRefused, match="why no one is being charged"):
        cases.outcome_record(case_id=case.pk, outcome=OutcomeType.objects.get(code=15), actor=officer, explanation=" ")


def test_the_investigating_officer_sees_what_to_respect_before_contacting_the_victim():
    report, case, officer = recorded_case(
        support={"support": ["interpreter"], "interpreter_language": "Polish", "accessibility_needs": ""}
    )
    contact = report.contact
    contact.neutral_wording, contact.voicemail_allowed, contact.safe_times = True, False, ["weekday_evening"]
    contact.save()
    client = StaffClient()
    client.force_login(officer)

    page = client.get(reverse("cases:case", kwargs={"case_id": case.pk})).content.decode()
    before = page[page.index('data-testid="before-contacting"') :]

    for must in ("Polish interpreter", "Neutral wording only", "Do not leave a voicemail", "Weekday evenings"):
        assert must in before, must


def test_staff_pages_name_people_and_records_in_words_not_system_labels():
    report, case, officer = recorded_case()
    cases.update_publish(case_id=case.pk, text="We have the CCTV.", actor=officer)
    client = StaffClient()
    client.force_login(officer)
    page = client.get(reverse("cases:case", kwargs={"case_id": case.pk})).content.decode()
    history = page[page.index('data-testid="case-history"') :]
    assert "(victim" not in history and "))" not in history
    assert f"Update published to the victim, by {officer.get_full_name()}" in history

    worker = staff(Role.SAFE_PLACE_WORKER, username="w.words")
    entries = [
        AuditEntry(subject_type="reporting.report", subject_id=str(report.pk)),
        AuditEntry(subject_type="accounts.staffuser", subject_id=str(worker.pk)),
        AuditEntry(subject_type="plans.plan", subject_id="7"),
        AuditEntry(subject_type="reporting.sealedrecord", subject_id="ab12"),  # written before the model moved app
        AuditEntry(subject_type="sealedrecords.sealedrecord", subject_id="cd34"),
    ]
    assert [words for _entry, words in report_references(entries)] == [
        f"Report {report.reference}",
        "Staff account w.words",
        "Plan 7",
        "Sealed record ab12",
        "Sealed record cd34",
    ]

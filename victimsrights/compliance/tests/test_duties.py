"""Victims' Code duties: opened by case events, met by later ones, shortened by enhanced rights, breached on time."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.cases import services as cases
from victimsrights.cases.models import CaseEventKind, EnhancedRightsReason
from victimsrights.cases.tests.factories import ATTEMPTED_MURDER, THEFT, recorded_case
from victimsrights.compliance.models import CaseDuty
from victimsrights.compliance.selectors import compliance_figures
from victimsrights.compliance.services import duties_mark_breached
from victimsrights.recording.models import OffenceClassification
from victimsrights.testing.staff import StaffClient
from victimsrights.testing.worker import run_worker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("london")]
LONDON = ZoneInfo("Europe/London")
FRIDAY = datetime.datetime(2026, 12, 4, 15, 0, tzinfo=LONDON)
AGREED = {"referral_consent": "yes"}
DECLINED = {"referral_consent": "no"}


def duty(case, code):
    return CaseDuty.objects.get(case=case, duty__code=code)


def record_on(moment, **kwargs):
    with time_machine.travel(moment, tick=False):
        return recorded_case(**kwargs)


def test_recording_a_crime_opens_its_duties_with_five_working_days_for_standard_rights():
    _report, case, _officer = record_on(FRIDAY, referral=AGREED)

    opened = {d.duty.code for d in case.duties.all()}
    assert opened == {"acknowledge", "needs-assessment", "refer-to-support", "regular-update", "vps-information"}
    for code in ("acknowledge", "needs-assessment"):
        owed = duty(case, code)
        assert (owed.enhanced, owed.due_on, owed.fulfilled_at) == (False, datetime.date(2026, 12, 11), None)


def test_the_most_serious_crimes_carry_enhanced_rights_and_one_working_day():
    _report, case, _officer = record_on(FRIDAY, offence=ATTEMPTED_MURDER)

    assert case.enhanced_rights and case.enhanced_reason == EnhancedRightsReason.MOST_SERIOUS_CRIME
    assert duty(case, "needs-assessment").due_on == datetime.date(2026, 12, 7)


def test_an_arrest_opens_a_duty_that_only_a_later_update_meets():
    _report, case, officer = record_on(FRIDAY)
    with time_machine.travel(FRIDAY + datetime.timedelta(hours=1), tick=False):
        cases.update_publish(case_id=case.pk, text="We are looking for CCTV.", actor=officer)
    with time_machine.travel(FRIDAY + datetime.timedelta(hours=2), tick=False):
        cases.event_record(
            case_id=case.pk, kind=CaseEventKind.SUSPECT_ARRESTED, note="Custody ref 1", victim_update="", actor=officer
        )
    arrest = duty(case, "tell-arrest")
    assert arrest.is_open, "an update published before the arrest does not tell the victim about it"
    assert arrest.due_on == datetime.date(2026, 12, 11)

    monday = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=LONDON)
    with time_machine.travel(monday, tick=False):
        cases.update_publish(case_id=case.pk, text="A man has been arrested.", actor=officer)

    arrest.refresh_from_db()
    assert arrest.fulfilled_on == datetime.date(2026, 12, 7) and arrest.met_on_time
    history = list(case.events.values_list("kind", flat=True))
    assert CaseEventKind.SUSPECT_ARRESTED in history and CaseEventKind.UPDATE_PUBLISHED in history


def test_recording_an_event_with_an_update_for_the_victim_meets_the_duty_at_once():
    _report, case, officer = record_on(FRIDAY)

    cases.event_record(
        case_id=case.pk,
        kind=CaseEventKind.SUSPECT_RELEASED,
        note="",
        victim_update="The man arrested has been released while we investigate.",
        actor=officer,
    )

    assert not duty(case, "tell-release").is_open
    assert case.timeline.filter(text__startswith="The man arrested").exists()


def test_giving_enhanced_rights_shortens_open_duties_and_is_on_the_history():
    _report, case, officer = record_on(FRIDAY)
    with time_machine.travel(datetime.datetime(2026, 12, 4, 16, 0, tzinfo=LONDON), tick=False):
        cases.event_record(
            case_id=case.pk, kind=CaseEventKind.NEEDS_ASSESSMENT_DONE, note="", victim_update="", actor=officer
        )

    cases.enhanced_rights_give(
        case_id=case.pk, reason=EnhancedRightsReason.INTIMIDATED, note="Threatened by the suspect", actor=officer
    )

    acknowledge = duty(case, "acknowledge")
    assert (acknowledge.enhanced, acknowledge.due_on) == (True, datetime.date(2026, 12, 7))
    needs = duty(case, "needs-assessment")
    assert (needs.enhanced, needs.due_on) == (False, datetime.date(2026, 12, 11)), "a met duty keeps its terms"
    event = case.events.get(kind=CaseEventKind.ENHANCED_RIGHTS_SET)
    assert "Intimidated" in event.note and event.actor == officer
    with pytest.raises(cases.CaseRefused):
        cases.enhanced_rights_give(case_id=case.pk, reason=EnhancedRightsReason.VULNERABLE, note="x", actor=officer)


def test_breaches_are_marked_when_the_last_day_ends_in_london_after_the_clocks_go_forward():
    # Enhanced rights, started Thursday 25 March 2027 (GMT): the last day is Tuesday 30 March (BST).
    _report, case, _officer = record_on(datetime.datetime(2027, 3, 25, 12, 0, tzinfo=LONDON), offence=ATTEMPTED_MURDER)
    assert duty(case, "acknowledge").due_on == datetime.date(2027, 3, 30)

    assert duties_mark_breached(now=datetime.datetime(2027, 3, 30, 22, 59, tzinfo=datetime.UTC)) == 0
    assert duties_mark_breached(now=datetime.datetime(2027, 3, 30, 23, 0, 1, tzinfo=datetime.UTC)) == 3
    assert duties_mark_breached(now=datetime.datetime(2027, 3, 31, 9, 0, tzinfo=datetime.UTC)) == 0, "once only"
    assert duty(case, "acknowledge").breached_at is not None


def test_compliance_figures_count_each_duty_on_time_late_overdue_and_in_time_exactly():
    on_time = record_on(FRIDAY)[1]
    late = record_on(FRIDAY, seed=2)[1]
    overdue = record_on(FRIDAY, seed=3)[1]
    in_time = record_on(datetime.datetime(2026, 12, 14, 10, 0, tzinfo=LONDON), seed=4)[1]
    other_area = record_on(FRIDAY, borough="Lewisham", seed=5)[1]
    for case, day in ((on_time, 11), (late, 14), (other_area, 14)):  # the 11th is the last day: still on time
        with time_machine.travel(datetime.datetime(2026, 12, day, 17, 0, tzinfo=LONDON), tick=False):
            cases.event_record(
                case_id=case.pk,
                kind=CaseEventKind.NEEDS_ASSESSMENT_DONE,
                note="",
                victim_update="",
                actor=staff(Role.INVESTIGATING_OFFICER, area=case.crime.report.area.code, username=f"o{case.pk}"),
            )
    area = on_time.crime.report.area

    rows = compliance_figures(
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
        area_ids=[area.pk],
        today=datetime.date(2026, 12, 15),
    )

    needs = next(r for r in rows if r.duty.startswith("Assess") and not r.enhanced)
    assert (needs.met_on_time, needs.met_late, needs.open_overdue, needs.open_in_time) == (1, 1, 1, 1)
    assert needs.on_time_percent == 33.3
    acknowledge = next(r for r in rows if r.duty.startswith("Send a written") and not r.enhanced)
    assert (acknowledge.met_on_time, acknowledge.open_overdue, acknowledge.open_in_time) == (0, 3, 1)
    everywhere = compliance_figures(
        start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31), today=datetime.date(2026, 12, 15)
    )
    needs_everywhere = next(r for r in everywhere if r.duty.startswith("Assess") and not r.enhanced)
    assert needs_everywhere.met_late == 2, "another area's late duty counts only in the all-areas figures"
    assert duty(overdue, "needs-assessment").is_open and duty(in_time, "needs-assessment").due_on > datetime.date(
        2026, 12, 15
    )


def test_the_officers_dashboard_lists_their_areas_duties_due_today_or_overdue(client):
    overdue = record_on(FRIDAY)[1]
    due_today = record_on(datetime.datetime(2026, 12, 10, 10, 0, tzinfo=LONDON), offence=ATTEMPTED_MURDER, seed=2)[1]
    later = record_on(datetime.datetime(2026, 12, 10, 10, 0, tzinfo=LONDON), seed=3)[1]
    elsewhere = record_on(FRIDAY, borough="Lewisham", seed=4)[1]
    with time_machine.travel(datetime.datetime(2026, 12, 11, 12, 0, tzinfo=LONDON), tick=False):
        client.force_login(staff(Role.INVESTIGATING_OFFICER, username="dashboard.oic"))
        page = client.get(reverse("cases:list")).content.decode()

    duties = page[page.index('data-testid="duties-due"') : page.index("</table>")]
    assert overdue.crime.crime_number in duties and due_today.crime.crime_number in duties
    assert "Due today" in duties
    assert later.crime.crime_number not in duties and elsewhere.crime.crime_number not in duties


def test_the_area_commander_sees_their_area_and_the_commissioner_any_area_and_bad_input_is_explained(client):
    record_on(FRIDAY)
    client.force_login(staff(Role.AREA_COMMANDER))
    page = client.get(reverse("compliance:figures"), {"year": "2026"}).content.decode()
    assert "Central North" in page and "Assess the victim" in page

    client.force_login(staff(Role.VICTIMS_COMMISSIONER))
    page = client.get(reverse("compliance:figures"), {"year": "2026", "area": "999999"}).content.decode()
    assert "govuk-error-summary" in page and "Choose an area from the list" in page
    page = client.get(reverse("compliance:figures"), {"year": "1066"}).content.decode()
    assert "Choose a year from the list" in page


@pytest.mark.django_db(transaction=True)
def test_the_acknowledgement_duty_is_met_when_the_written_acknowledgement_reaches_the_victim(smtp):
    _report, case, _officer = recorded_case()
    assert duty(case, "acknowledge").is_open

    run_worker()

    acknowledge = duty(case, "acknowledge")
    assert not acknowledge.is_open and acknowledge.met_on_time
    assert any(case.crime.crime_number in body for body in smtp.mailbox.bodies())
    assert duty(case, "needs-assessment").is_open


def test_a_hearing_set_on_the_friday_before_a_bank_holiday_is_due_the_next_working_day_for_every_victim():
    """Victims' Code Right 8, para 8.1: hearing dates within one working day for all victims, not only enhanced."""
    before_bank_holiday = datetime.datetime(2026, 8, 28, 15, 0, tzinfo=LONDON)  # Monday 31 August is a bank holiday
    for moment, next_working_day in (
        (before_bank_holiday, datetime.date(2026, 9, 1)),
        (FRIDAY, datetime.date(2026, 12, 7)),
    ):
        _report, case, officer = record_on(moment)
        assert not case.enhanced_rights
        with time_machine.travel(moment, tick=False):
            cases.hearing_add(
                case_id=case.pk,
                starts_at=moment + datetime.timedelta(days=30),
                court="Highbury Corner Magistrates' Court",
                what_to_expect="",
                actor=officer,
            )
        owed = duty(case, "tell-hearing")
        assert (owed.enhanced, owed.due_on) == (False, next_working_day), moment
        assert owed.duty.code_right == "Right 8" and "8.1" in owed.duty.source


def test_every_duty_cites_its_source_and_its_right():
    from victimsrights.compliance.models import Duty

    duties = list(Duty.objects.all())
    assert duties and all("Victims' Code (2020)" in d.source or "Code of Practice" in d.source for d in duties)
    assert all(f"{d.code_right}:" in d.source or f"{d.code_right}," in d.source for d in duties)
    assert Duty.objects.get(code="tell-review").code_right == "Right 6"


@pytest.mark.parametrize(
    ("flag", "reason"),
    [("domestic_abuse", EnhancedRightsReason.DOMESTIC_ABUSE), ("hate_crime", EnhancedRightsReason.HATE_CRIME)],
)
def test_a_domestic_abuse_or_hate_crime_flag_gives_the_victim_one_working_day_limits(client, flag, reason):
    """Victims' Code (2020), Enhanced Rights: domestic abuse and hate crime victims are victims of the most serious
    crime. The review found a domestic-abuse assault given the standard 5-day limits."""
    from victimsrights.recording.models import Crime
    from victimsrights.reporting.tests.factories import submitted_report

    with time_machine.travel(FRIDAY, tick=False):
        report = submitted_report()
        client.force_login(staff(Role.RECORDING_OFFICER, username="rec.flags"))
        classification = OffenceClassification.objects.get(code="8N")  # assault with injury: standard on its own
        url = reverse("recording:record", kwargs={"report_id": report.pk})
        client.post(url, {"classification": classification.pk, "flags": [flag]})
    crime = Crime.objects.get(report=report)
    assert getattr(crime, flag) and not classification.enhanced_rights
    case = crime.case
    assert case.enhanced_rights and case.enhanced_reason == reason
    assert duty(case, "needs-assessment").due_on == datetime.date(2026, 12, 7)  # Monday, not the Friday after


def test_assault_with_no_flag_keeps_standard_limits(client):
    _report, case, _officer = record_on(FRIDAY, offence="8N")
    assert not case.enhanced_rights and duty(case, "needs-assessment").due_on == datetime.date(2026, 12, 11)


def test_a_crime_recorded_opens_the_support_referral_due_in_two_working_days_met_only_with_a_named_service():
    """Victims' Code (2020), Right 4: referred to a support service within 2 working days, a duty of its own."""
    _report, case, officer = record_on(FRIDAY, referral=AGREED)
    owed = duty(case, "refer-to-support")
    assert (owed.due_on, owed.duty.code_right) == (datetime.date(2026, 12, 8), "Right 4")
    with time_machine.travel(FRIDAY + datetime.timedelta(hours=1), tick=False):
        with pytest.raises(cases.CaseRefused, match="Name the support service"):
            cases.event_record(
                case_id=case.pk, kind=CaseEventKind.SUPPORT_REFERRAL_MADE, note=" ", victim_update="", actor=officer
            )
        cases.event_record(
            case_id=case.pk, kind=CaseEventKind.NEEDS_ASSESSMENT_DONE, note="", victim_update="", actor=officer
        )
        assert duty(case, "refer-to-support").fulfilled_at is None  # the assessment is not the referral
        cases.event_record(
            case_id=case.pk,
            kind=CaseEventKind.SUPPORT_REFERRAL_MADE,
            note="Victim Support, London",
            victim_update="",
            actor=officer,
        )
    assert duty(case, "refer-to-support").fulfilled_on == datetime.date(2026, 12, 4)


@pytest.mark.parametrize("offence", ["19C", THEFT])  # rape needs explicit consent; a theft victim may object
def test_a_victim_who_said_no_to_a_referral_is_not_referred_until_they_agree(client, offence):
    """Victims' Code (2020), Right 4 (Nottinghamshire Police, 'What are Victims' Services?'): sexual offences, domestic
    abuse and bereaved families are referred only with explicit consent, and any victim can ask not to be."""
    _report, case, officer = record_on(FRIDAY, offence=offence, referral=DECLINED)
    assert not case.duties.filter(duty__code="refer-to-support").exists()
    client.force_login(officer)
    page = client.get(reverse("cases:case", kwargs={"case_id": case.pk})).content.decode()
    assert "The victim has not agreed to be referred to a support service: do not pass their details on" in page

    with pytest.raises(cases.CaseRefused, match="has not agreed to be referred"):
        cases.event_record(
            case_id=case.pk,
            kind=CaseEventKind.SUPPORT_REFERRAL_MADE,
            note="Rape Crisis",
            victim_update="",
            actor=officer,
        )

    tuesday = FRIDAY + datetime.timedelta(days=4)  # the victim agrees on the phone the next week
    with time_machine.travel(tuesday, tick=False):
        cases.event_record(
            case_id=case.pk, kind=CaseEventKind.SUPPORT_REFERRAL_AGREED, note="", victim_update="", actor=officer
        )
    assert duty(case, "refer-to-support").due_on == datetime.date(2026, 12, 10)  # 2 working days from agreeing
    with time_machine.travel(tuesday + datetime.timedelta(hours=1), tick=False):
        with pytest.raises(cases.CaseRefused, match="already agreed"):
            cases.event_record(
                case_id=case.pk, kind=CaseEventKind.SUPPORT_REFERRAL_AGREED, note="", victim_update="", actor=officer
            )
        cases.event_record(
            case_id=case.pk,
            kind=CaseEventKind.SUPPORT_REFERRAL_MADE,
            note="Rape Crisis",
            victim_update="",
            actor=officer,
        )
    assert duty(case, "refer-to-support").fulfilled_at is not None
    page = client.get(reverse("cases:case", kwargs={"case_id": case.pk})).content.decode()
    assert "The victim agreed to be referred to a support service." in page


def test_the_migration_drops_referral_duties_never_owed_and_keeps_the_agreement_of_those_who_gave_it():
    import importlib

    from django.apps import apps

    from victimsrights.cases.models import CaseEvent
    from victimsrights.compliance.models import Duty

    migration = importlib.import_module("victimsrights.compliance.migrations.0009_support_referral_agreed")
    _report, declined, _officer = record_on(FRIDAY, referral=DECLINED)
    _report, agreed, _officer = record_on(FRIDAY, referral=AGREED, seed=2)
    referral = Duty.objects.get(code="refer-to-support")
    # As the earlier rule left them: a referral duty for everyone, and no record of agreeing.
    CaseDuty.objects.create(
        case=declined, duty=referral, triggered_at=FRIDAY, enhanced=False, due_on=datetime.date(2026, 12, 8)
    )
    CaseEvent.objects.filter(kind=CaseEventKind.SUPPORT_REFERRAL_AGREED).delete()

    migration.follow_the_victims_agreement(apps, None)
    migration.follow_the_victims_agreement(apps, None)  # twice changes nothing more

    assert not declined.duties.filter(duty=referral).exists()
    assert agreed.duties.filter(duty=referral, fulfilled_at__isnull=True).count() == 1
    assert [e.kind for e in agreed.events.filter(kind=CaseEventKind.SUPPORT_REFERRAL_AGREED)] == [
        CaseEventKind.SUPPORT_REFERRAL_AGREED
    ]
    assert not declined.events.filter(kind=CaseEventKind.SUPPORT_REFERRAL_AGREED).exists()


@pytest.mark.parametrize(("kind", "code"), [("verdict_given", "tell-verdict"), ("sentence_passed", "tell-sentence")])
def test_a_court_result_from_the_records_system_must_reach_the_victim_the_next_working_day(client, kind, code):
    """Victims' Code (2020), Right 9: verdict and sentence within one working day, for every victim; the API's
    court-result events open the duty and an update to the victim meets it."""
    import json

    from victimsrights.api import services as api
    from victimsrights.areas.models import Force

    _report, case, _officer = record_on(FRIDAY)
    _client, key = api.client_create(name="Met records", force=Force.objects.get(code="met"))
    body = {
        "event_id": f"court-{kind}",
        "crime_number": case.crime.crime_number,
        "kind": kind,
        "occurred_at": FRIDAY.isoformat(),
    }
    with time_machine.travel(FRIDAY + datetime.timedelta(hours=2), tick=False):
        answer = client.post(
            reverse("api:events"), json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
        )
    assert answer.json()["result"] == "applied"
    owed = duty(case, code)
    assert (owed.due_on, owed.enhanced, owed.duty.code_right) == (datetime.date(2026, 12, 7), False, "Right 9")


def test_an_interpreter_asked_for_in_the_report_opens_a_duty_met_only_when_one_is_arranged():
    """Victims' Code (2020), Right 1: interpretation offered free of charge; the need recorded at report time."""
    interpreter = {
        "support": {"support": ["interpreter"], "interpreter_language": "Tigrinya", "accessibility_needs": ""}
    }
    _report, case, officer = record_on(FRIDAY, **interpreter)
    owed = duty(case, "arrange-interpreter")
    assert owed.duty.code_right == "Right 1" and owed.fulfilled_at is None
    with time_machine.travel(FRIDAY + datetime.timedelta(hours=1), tick=False):
        cases.event_record(
            case_id=case.pk, kind=CaseEventKind.INTERPRETER_ARRANGED, note="Tigrinya", victim_update="", actor=officer
        )
    assert duty(case, "arrange-interpreter").fulfilled_at is not None
    _report, without, _officer = record_on(FRIDAY, support={"support": ["none"], "interpreter_language": ""})
    assert not without.duties.filter(duty__code="arrange-interpreter").exists()


@pytest.mark.django_db(transaction=True)
def test_right_7_the_victim_is_told_of_the_vps_when_recorded_and_offered_one_with_the_witness_statement(smtp):
    """Information when the crime is recorded (in the written acknowledgement), the offer with the witness
    statement: not only after a charge, as before."""
    _report, case, officer = recorded_case()
    run_worker()
    acknowledgement = next(body for body in smtp.mailbox.bodies() if case.crime.crime_number in body)
    assert "Victim Personal Statement" in acknowledgement
    assert not duty(case, "vps-information").is_open

    assert not case.duties.filter(duty__code="offer-vps").exists()
    cases.event_record(
        case_id=case.pk, kind=CaseEventKind.WITNESS_STATEMENT_TAKEN, note="", victim_update="", actor=officer
    )
    assert duty(case, "offer-vps").is_open
    cases.event_record(case_id=case.pk, kind=CaseEventKind.VPS_OFFERED, note="", victim_update="", actor=officer)
    assert not duty(case, "offer-vps").is_open


def test_right_11_a_qualifying_sentence_opens_a_victim_contact_scheme_referral_due_in_ten_working_days():
    """Sentenced on the Friday before Christmas: ten working days skip the bank holidays."""
    _report, case, officer = recorded_case()
    with time_machine.travel(datetime.datetime(2026, 12, 18, 15, 0, tzinfo=LONDON), tick=False):
        cases.event_record(
            case_id=case.pk, kind=CaseEventKind.VCS_QUALIFYING_SENTENCE, note="", victim_update="", actor=officer
        )
    referral = duty(case, "refer-to-vcs")
    assert (referral.due_on, referral.duty.code_right) == (datetime.date(2027, 1, 6), "Right 11")
    with time_machine.travel(datetime.datetime(2027, 1, 5, 10, 0, tzinfo=LONDON), tick=False):
        cases.event_record(
            case_id=case.pk, kind=CaseEventKind.VCS_REFERRAL_MADE, note="VLO team", victim_update="", actor=officer
        )
    referral = duty(case, "refer-to-vcs")
    assert not referral.is_open and referral.met_on_time


def test_a_victim_under_18_gets_enhanced_rights_and_one_working_day_limits_automatically():
    _report, case, officer = record_on(FRIDAY, age={"under_18": "yes"})
    assert case.enhanced_rights and case.enhanced_reason == EnhancedRightsReason.UNDER_18
    assert duty(case, "needs-assessment").due_on == datetime.date(2026, 12, 7)  # 1 working day after Friday
    client = StaffClient()
    client.force_login(officer)
    case_page = client.get(reverse("cases:case", kwargs={"case_id": case.pk})).content.decode()
    assert 'data-testid="under-18"' in case_page  # the officer sees it before contacting them
    _report, adult, _officer = record_on(FRIDAY, age={"under_18": "prefer_not"}, seed=2)
    assert not adult.enhanced_rights


def test_a_victim_who_said_no_can_agree_on_their_own_page_and_the_referral_duty_starts_then(client):
    """Victims' Code Right 4: referral with the victim's agreement, given when they are ready."""
    from victimsrights.cases.tests.factories import signed_in

    report, case, _officer = record_on(FRIDAY, referral=DECLINED)
    victim = signed_in(report)
    contact = {"channels": ["email"], "email": "victim@example.com", "safe_times": ["any"], "alerts": "yes"}
    assert (
        "Can we now pass your details to a support service?" in victim.get(reverse("portal:contact")).content.decode()
    )
    monday = FRIDAY + datetime.timedelta(days=3)
    with time_machine.travel(monday, tick=False):
        victim = signed_in(report)  # a session of that Monday (an idle one ends after 15 minutes)
        victim.post(reverse("portal:contact"), {**contact, "update_frequency": "four_weekly", "referral": "no"})
        assert not case.duties.filter(duty__code="refer-to-support").exists()
        victim.post(reverse("portal:contact"), {**contact, "update_frequency": "four_weekly", "referral": "yes"})
    assert duty(case, "refer-to-support").due_on == datetime.date(2026, 12, 9)  # 2 working days from Monday
    agreed = case.events.get(kind=CaseEventKind.SUPPORT_REFERRAL_AGREED)
    assert agreed.actor_label == "the victim, signed in"
    assert "Can we now pass your details" not in victim.get(reverse("portal:contact")).content.decode()

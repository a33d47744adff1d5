"""Victims' Code (2020), Right 6: the victim agrees how often they hear about the investigation; the duty follows."""

import datetime
import importlib
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.urls import reverse

from victimsrights.cases import services as cases
from victimsrights.cases.models import CaseEventKind, UpdateFrequency
from victimsrights.cases.tests.factories import recorded_case, signed_in
from victimsrights.compliance.models import CaseDuty

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("london")]
LONDON = ZoneInfo("Europe/London")
FRIDAY = datetime.datetime(2026, 12, 4, 15, 0, tzinfo=LONDON)
CONTACT = {"channels": ["email"], "email": "victim@example.com", "safe_times": ["any"], "alerts": "yes"}


def regular(case):
    return CaseDuty.objects.filter(case=case, duty__code="regular-update").order_by("id")


def owed(case):
    return [(d.triggered_at, d.due_on) for d in regular(case).filter(fulfilled_at__isnull=True)]


def at(moment):
    return time_machine.travel(moment, tick=False)


def test_an_update_is_owed_every_4_weeks_until_the_victim_chooses_and_each_update_starts_the_next():
    with at(FRIDAY):
        _report, case, officer = recorded_case()
    # 20 working days, across Christmas Day, the Boxing Day substitute (Monday 28th) and New Year's Day.
    assert owed(case) == [(FRIDAY, datetime.date(2027, 1, 6))]
    assert regular(case).get().duty.code_right == "Right 6"

    monday = FRIDAY + datetime.timedelta(days=3)
    with at(monday):
        cases.update_publish(case_id=case.pk, text="We have asked for the CCTV.", actor=officer)
    first, second = regular(case)
    assert first.fulfilled_on == monday.date()
    assert (second.triggered_at, second.due_on, second.fulfilled_at) == (monday, datetime.date(2027, 1, 7), None)


def test_the_victim_chooses_weekly_updates_on_their_contact_page_and_the_next_one_comes_sooner():
    with at(FRIDAY):
        report, case, _officer = recorded_case()
    with at(FRIDAY + datetime.timedelta(days=10)):  # Monday 14th
        response = signed_in(report).post(reverse("portal:contact"), {**CONTACT, "update_frequency": "weekly"})
        assert response.status_code == 302
        page = signed_in(report).get(reverse("portal:report")).content.decode()
    case.refresh_from_db()
    assert case.update_frequency == UpdateFrequency.WEEKLY
    assert owed(case) == [(FRIDAY, datetime.date(2026, 12, 21))]  # a week from choosing, not a week from the 4th
    assert "We will update you every week" in page
    agreed = case.events.get(kind=CaseEventKind.UPDATE_FREQUENCY_AGREED)
    assert (agreed.actor_label, agreed.note) == ("the victim, signed in", "Every week")


def test_a_victim_who_wants_only_the_important_points_is_owed_no_regular_update_but_still_told_of_an_arrest():
    with at(FRIDAY):
        report, case, officer = recorded_case()
        signed_in(report).post(reverse("portal:contact"), {**CONTACT, "update_frequency": "key_points"})
        assert owed(case) == []
        cases.event_record(
            case_id=case.pk, kind=CaseEventKind.SUSPECT_ARRESTED, note="", victim_update="", actor=officer
        )
        cases.update_publish(case_id=case.pk, text="Someone was arrested today.", actor=officer)
    assert owed(case) == []
    assert case.duties.get(duty__code="tell-arrest").fulfilled_at is not None


def test_the_officer_records_what_they_agreed_with_the_victim_and_a_longer_interval_counts_from_the_last_update():
    with at(FRIDAY):
        report, case, officer = recorded_case()
        cases.update_frequency_agree(case_id=case.pk, frequency=UpdateFrequency.WEEKLY, actor=officer)
    assert owed(case) == [(FRIDAY, datetime.date(2026, 12, 11))]
    with at(FRIDAY + datetime.timedelta(days=1)):
        client = signed_in(report)
        client.force_login(officer)
        response = client.post(
            reverse("cases:update-frequency", kwargs={"case_id": case.pk}), {"update_frequency": "fortnightly"}
        )
    assert response.status_code == 302
    assert owed(case) == [(FRIDAY, datetime.date(2026, 12, 18))]
    response = client.post(reverse("cases:update-frequency", kwargs={"case_id": case.pk}), {"update_frequency": ""})
    assert "Select how often the victim wants an update" in response.content.decode()


def test_no_regular_update_is_owed_once_the_case_closes_and_the_victim_is_no_longer_asked():
    from victimsrights.cases.models import OutcomeType

    with at(FRIDAY):
        report, case, officer = recorded_case()
        cases.outcome_record(
            case_id=case.pk,
            outcome=OutcomeType.objects.get(code=18),
            actor=officer,
            explanation="We could not find who did this.",
        )
    assert owed(case) == []
    assert regular(case).get().fulfilled_at is not None  # the outcome told them
    page = signed_in(report).get(reverse("portal:contact")).content.decode()
    assert "How often do you want an update" not in page


def test_the_migration_gives_every_open_case_its_regular_update_from_its_last_update():
    migration = importlib.import_module("victimsrights.compliance.migrations.0010_update_frequency")
    with at(FRIDAY):
        _report, case, officer = recorded_case()
    with at(FRIDAY + datetime.timedelta(days=3)):
        cases.update_publish(case_id=case.pk, text="An update.", actor=officer)
    regular(case).delete()  # as before the rule

    migration.regular_updates(apps, None)
    migration.regular_updates(apps, None)  # twice changes nothing more

    assert owed(case) == [(FRIDAY + datetime.timedelta(days=3), datetime.date(2027, 1, 7))]

"""police.uk import: rows in the published format (a slice under tests/data) load as records-only crimes
through the API's event path, a second import changes nothing, and the plans reproduce the files' counts."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from victimsrights.api.models import ApiClient, ApiEvent
from victimsrights.cases.models import Case
from victimsrights.compliance.models import CaseDuty
from victimsrights.notify.models import Delivery
from victimsrights.plans.figures import plan_figures
from victimsrights.policeuk.mapping import CLASSIFICATION_FOR_CRIME_TYPE
from victimsrights.policeuk.models import AntisocialBehaviour
from victimsrights.policeuk.reproduce import differences
from victimsrights.policeuk.services import police_uk_import
from victimsrights.recording.models import Crime, OffenceClassification
from victimsrights.reporting.models import Report

pytestmark = pytest.mark.usefixtures("london")

SLICE = Path(__file__).parent / "data" / "police-uk"
CAMDEN, ISLINGTON, WESTMINSTER, CITY = "E09000007", "E09000019", "E09000033", "E09000001"


def test_each_crime_type_maps_to_a_classification_published_under_that_type():
    for crime_type, code in CLASSIFICATION_FOR_CRIME_TYPE.items():
        assert OffenceClassification.objects.get(code=code).police_uk_category == crime_type


def test_crimes_load_as_records_only_cases_with_their_outcomes_and_nothing_sent():
    summary = police_uk_import([SLICE])

    # 24 crime rows: one repeated, one outside London, one with no location.
    assert Crime.objects.count() == 21
    assert summary.results["applied"] == 21 + 15  # crimes, and the 15 with an outcome
    assert summary.results["duplicate"] == 2  # the repeated row's crime and outcome
    # Epping Forest; a Met crime with no location, which the Met (several areas) cannot place in one of them.
    assert (summary.skipped["outside London"], summary.skipped["no location, and the force has several areas"]) == (
        1,
        1,
    )
    assert summary.antisocial_behaviour == 9
    assert set(Report.objects.values_list("channel", flat=True)) == {"records"}
    assert not Case.objects.filter(records_only=False).exists()
    assert not CaseDuty.objects.exists()
    assert not Delivery.objects.alerts().exists()
    assert not ApiClient.objects.filter(is_active=True).exists()

    december_burglary = Case.objects.get(
        crime__crime_number__startswith="MET-PUK-", crime__recorded_at__year=2025, crime__classification__code="28E"
    )
    assert december_burglary.outcome.code == 1
    assert (december_burglary.outcome_at.year, december_burglary.outcome_at.month) == (2026, 2)


def test_a_second_import_changes_nothing():
    police_uk_import([SLICE])
    counts = (
        Crime.objects.count(),
        Case.objects.count(),
        ApiEvent.objects.count(),
        AntisocialBehaviour.objects.count(),
    )
    outcomes = sorted(Case.objects.values_list("pk", "outcome__code", "outcome_at"))

    again = police_uk_import([SLICE])

    assert again.results["applied"] == 0
    assert again.results["duplicate"] == 38
    assert (
        Crime.objects.count(),
        Case.objects.count(),
        ApiEvent.objects.count(),
        AntisocialBehaviour.objects.count(),
    ) == counts
    assert sorted(Case.objects.values_list("pk", "outcome__code", "outcome_at")) == outcomes
    assert sum(AntisocialBehaviour.objects.values_list("incidents", flat=True)) == 9


def test_plans_count_the_slice_as_counted_by_hand():
    police_uk_import([SLICE])
    figures = plan_figures(2026)
    camden = figures[("borough", CAMDEN)]
    assert camden["crimes.recorded"] == 6
    assert camden["crimes.burglary"] == 3
    assert camden["crimes.violence-and-sexual-offences"] == 2
    assert camden["outcomes.18"] == 1
    # Categories that stand for several Home Office types are counted as police.uk publishes them, no type guessed.
    assert camden["outcomes.published.unable-to-prosecute-suspect"] == 1
    assert camden["outcomes.published.offender-given-a-caution"] == 1
    assert camden["outcomes.15"] == camden["outcomes.3"] == 0
    assert camden["outcomes.1"] == 2  # awaiting court, and December's burglary fined in February
    assert figures[("borough", ISLINGTON)]["crimes.robbery"] == 1
    assert figures[("bcu", "central-north")]["crimes.recorded"] == 6 + 3
    assert figures[("borough", WESTMINSTER)]["outcomes.21"] == 1
    assert figures[("borough", CITY)]["crimes.recorded"] == 2
    # Crimes known from the records are not reports made to the service.
    assert camden["reports.total"] == 0
    assert plan_figures(2025)[("borough", CAMDEN)]["crimes.recorded"] == 2
    assert plan_figures(2025)[("borough", CAMDEN)]["outcomes.18"] == 1


def test_the_service_reproduces_the_files_and_the_check_fails_on_a_difference(capsys):
    police_uk_import([SLICE])
    expected, wrong = differences([SLICE])
    assert wrong == []
    assert expected[2026][CAMDEN]["crimes.burglary"] == 3
    assert expected[2026][CAMDEN]["antisocial_behaviour"] == 4

    call_command("check_police_uk", str(SLICE))
    assert "match the files" in capsys.readouterr().out

    Case.objects.filter(crime__report__borough__ons_code=WESTMINSTER).update(outcome=None, outcome_at=None)
    with pytest.raises(CommandError, match="differ"):
        call_command("check_police_uk", str(SLICE))
    assert "Westminster outcomes.18: 2 in the files, 0 in the service" in capsys.readouterr().out


def test_the_command_reports_what_it_did_and_refuses_files_not_in_the_format(tmp_path, capsys):
    call_command("import_police_uk", str(SLICE), "--no-progress")
    out = capsys.readouterr().out
    assert "36 applied" in out
    assert "Anti-social behaviour incidents kept apart: 9" in out

    wrong = tmp_path / "2026-03-metropolitan-street.csv"
    wrong.write_text("Crime ID,Month\nabc,2026-03\n")
    with pytest.raises(CommandError, match="no Reported by"):
        call_command("import_police_uk", str(wrong), "--no-progress")
    bad_month = tmp_path / "bad"
    shutil.copytree(SLICE / "2026-01", bad_month)
    path = bad_month / "2026-01-city-of-london-street.csv"
    path.write_text(path.read_text().replace(",2026-01,", ",January,", 1))
    with pytest.raises(CommandError, match="line 2: the month 'January'"):
        call_command("import_police_uk", str(path), "--no-progress")
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_police_uk", str(tmp_path / "nothing.csv"))


def test_the_migration_keeps_as_published_what_the_earlier_import_guessed_and_leaves_other_crimes_alone():
    import importlib

    from django.apps import apps

    from victimsrights.cases.models import OutcomeType
    from victimsrights.cases.tests.factories import recorded_case

    migration = importlib.import_module("victimsrights.cases.migrations.0019_published_outcome")
    police_uk_import([SLICE])
    imported = Case.objects.filter(published_outcome="Offender given a caution").get()
    imported.published_outcome, imported.outcome = "", OutcomeType.objects.get(code=3)  # as the earlier import left it
    imported.save()
    _report, reported, _officer = recorded_case()
    Case.objects.filter(pk=reported.pk).update(outcome=OutcomeType.objects.get(code=3))  # a real adult caution

    migration.keep_as_published(apps, None)

    imported.refresh_from_db()
    reported.refresh_from_db()
    assert (imported.outcome, imported.published_outcome) == (None, "Offender given a caution")
    assert (reported.outcome.code, reported.published_outcome) == (3, "")


def test_a_published_category_is_only_for_crimes_known_from_the_records(client):
    import datetime
    import json

    from django.urls import reverse

    from victimsrights.api import services as api
    from victimsrights.areas.models import Force
    from victimsrights.cases.tests.factories import recorded_case

    _report, case, _officer = recorded_case()
    _client, key = api.client_create(name="Met records", force=Force.objects.get(code="met"))
    body = {
        "event_id": "o-1",
        "crime_number": case.crime.crime_number,
        "kind": "outcome_recorded",
        "occurred_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "published_outcome": "Unable to prosecute suspect",
    }
    response = client.post(
        reverse("api:events"), json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "published_outcome"
    case.refresh_from_db()
    assert (case.published_outcome, case.status) == ("", "investigating")

"""The Met's published recorded crime by borough (the real London Datastore file in ../shared/data), loaded, checked
against the file with 0 differences, and shown in each borough's plan with its source (issue 23)."""

import csv
import datetime
import shutil
from collections import Counter
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.areas.models import Area
from victimsrights.plans import services as plans
from victimsrights.plans.models import PublishedCrimeMonth
from victimsrights.plans.published_crime import differences, published_crime_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("london")]
SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "london-datastore-mps-borough-crime"
MPS_FILE = SHARED / "MPS Borough Level Crime (Historical).csv"


def file_totals(year: int) -> tuple[Counter[str], Counter[str]]:
    """Straight from the file: each borough's total for the year, and London's by major category."""
    by_borough: Counter[str] = Counter()
    by_major: Counter[str] = Counter()
    with MPS_FILE.open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            year_total = sum(int(row[f"{year}{month:02d}"] or 0) for month in range(1, 13))
            by_borough[row["BoroughName"]] += year_total
            by_major[row["MajorText"]] += year_total
    return by_borough, by_major


@pytest.fixture
def loaded():
    call_command("import_mps_borough_crime", str(MPS_FILE), verbosity=0)


def test_the_real_file_loads_and_the_check_finds_0_differences(loaded, capsys):
    assert PublishedCrimeMonth.objects.count() == 177_776  # every non-empty cell of the 1,084 rows x 164 months
    call_command("check_mps_borough_crime", str(MPS_FILE))
    assert capsys.readouterr().out.strip().endswith("0 differences.")


def test_every_boroughs_2022_total_and_londons_by_category_are_as_published(loaded):
    by_borough, by_major = file_totals(2022)
    for borough, total in by_borough.items():
        assert published_crime_for(borough_names=[borough], year=2022)["total"][0] == total, borough
    london = published_crime_for(borough_names=list(by_borough), year=2022)
    assert {major: count for major, count, _before in london["rows"]} == dict(by_major)
    assert london["period"] == "January to December 2022"


def test_loading_again_changes_nothing_and_a_newer_file_replaces_the_months_it_covers(loaded, tmp_path):
    before = published_crime_for(borough_names=["Camden"], year=2022)
    call_command("import_mps_borough_crime", str(MPS_FILE), verbosity=0)
    assert PublishedCrimeMonth.objects.count() == 177_776
    assert published_crime_for(borough_names=["Camden"], year=2022) == before

    newer = tmp_path / "newer.csv"
    with MPS_FILE.open(newline="", encoding="utf-8-sig") as source, newer.open("w", newline="") as out:
        reader, writer = csv.reader(source), csv.writer(out)
        header = next(reader)
        columns = [0, 1, 2, header.index("202211"), header.index("202212")]  # the last two months, revised
        writer.writerow([header[i] for i in columns])
        for row in reader:
            revised = [row[i] for i in columns]
            if row[2] == "Camden" and row[1] == "DOMESTIC BURGLARY":
                revised[4] = str(int(revised[4] or 0) + 5)
            writer.writerow(revised)
    call_command("import_mps_borough_crime", str(newer), verbosity=0)

    after = published_crime_for(borough_names=["Camden"], year=2022)
    assert after["total"][0] == before["total"][0] + 5
    assert PublishedCrimeMonth.objects.count() == 177_776  # the two months replaced, the rest kept
    assert differences(newer) == []


def test_a_file_that_is_not_the_mps_file_is_refused_and_nothing_is_lost(loaded, tmp_path):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("Month,Borough,Count\n2022-01,Camden,5\n")
    with pytest.raises(CommandError, match="MajorText"):
        call_command("import_mps_borough_crime", str(wrong), verbosity=0)
    short = tmp_path / "short.csv"
    shutil.copy(MPS_FILE, short)
    with short.open("a") as handle:
        handle.write("BURGLARY,BURGLARY - RESIDENTIAL,Camden,1\n")
    with pytest.raises(CommandError, match="values for"):
        call_command("import_mps_borough_crime", str(short), verbosity=0)
    assert PublishedCrimeMonth.objects.count() == 177_776


def test_the_camden_plan_shows_the_mets_figures_with_their_source_beside_the_services_own(loaded, client):
    commander = staff(Role.AREA_COMMANDER)
    with time_machine.travel(datetime.datetime(2023, 1, 10, 12, 0, tzinfo=datetime.UTC), tick=False):
        plan = plans.plan_get_or_start(area=Area.objects.get(code="central-north"), year=2022)
        plans.narrative_save(plan_id=plan.pk, narrative="The year.", actor=commander)
        plans.commitment_add(plan_id=plan.pk, commitment="C", measure="M", target="T", actor=commander)
        plans.plan_publish(plan_id=plan.pk, actor=commander)
    camden = client.get(
        reverse("plans:borough", kwargs={"area_code": "central-north", "year": 2022, "ons_code": "E09000007"})
    ).content.decode()

    by_borough, _by_major = file_totals(2022)
    assert f'data-testid="published-total">{by_borough["Camden"]:,}<' in camden
    assert "London Datastore" in camden and "January to December 2022" in camden
    assert "Figures for Camden" in camden  # the service's own figures, beside
    area = client.get(reverse("plans:plan", kwargs={"area_code": "central-north", "year": 2022})).content.decode()
    area_total = by_borough["Camden"] + by_borough["Islington"]
    assert f'data-testid="published-total">{area_total:,}<' in area

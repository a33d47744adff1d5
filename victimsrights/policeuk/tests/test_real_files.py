"""The real City of London Police files police.uk published for January 2016 to June 2017 (../shared/data/police-uk,
PROVENANCE.md there): all 18 months load, every figure for 2016 and 2017 is reproduced from the files with 0
differences (the force's crimes with no location or next door included), loading them again changes nothing, and every
row is accounted for (issue 23)."""

from pathlib import Path

import pytest

from victimsrights.api.models import ApiEvent
from victimsrights.policeuk.files import csv_files, is_outcomes_file, street_rows
from victimsrights.policeuk.reproduce import BCU, differences
from victimsrights.policeuk.services import police_uk_import
from victimsrights.recording.models import Crime

pytestmark = [pytest.mark.usefixtures("london"), pytest.mark.django_db]
SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "police-uk"
MONTHS = sorted(path for path in SHARED.iterdir() if path.is_dir())
CITY = "E09000001"


def test_eighteen_real_months_load_reproduce_with_0_differences_and_load_again_unchanged():
    assert len(MONTHS) == 18
    street = [row for path in csv_files(MONTHS) if not is_outcomes_file(path) for row in street_rows(path)]

    summary = police_uk_import(MONTHS)

    expected, wrong = differences(MONTHS)
    assert wrong == []
    assert sorted(expected) == [2016, 2017]
    force = expected[2016][f"{BCU}city-of-london"]
    assert force["crimes.recorded"] > 1_000  # a real year, not a slice
    # The force's crimes with no location, or in the boroughs next door, count in its figures, shown apart; the
    # borough where they happened shows them as another force's.
    assert force["placed.no_location"] > 0 and force["placed.outside"] > 0
    assert (
        force["crimes.recorded"]
        == expected[2016][CITY]["crimes.recorded"] + force["placed.no_location"] + force["placed.outside"]
    )
    assert sum(counts["placed.by_other_force"] for code, counts in expected[2016].items() if code != CITY) > 0
    # Every street row is accounted for: a crime loaded (or a repeat of one), anti-social behaviour, or not loaded
    # (outside London), listed by count.
    crime_rows = [row for row in street if row.crime_id]
    repeats = len(crime_rows) - len({row.crime_id for row in crime_rows})
    loaded = Crime.objects.count()
    assert summary.antisocial_behaviour == len(street) - len(crime_rows)
    assert loaded + sum(summary.skipped.values()) + repeats == len(crime_rows)
    assert set(summary.skipped) <= {"outside London"}
    assert summary.placed_apart["no location"] == sum(1 for row in crime_rows if not row.lsoa_code)  # 465 here
    assert Crime.objects.filter(report__borough__isnull=True).count() <= summary.placed_apart["no location"]

    events = ApiEvent.objects.count()
    again = police_uk_import(MONTHS)
    assert (Crime.objects.count(), ApiEvent.objects.count()) == (loaded, events)
    assert again.results["applied"] == 0

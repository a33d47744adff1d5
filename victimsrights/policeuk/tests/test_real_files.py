"""The real City of London Police files police.uk published for January 2016 to June 2017 (../shared/data/police-uk,
PROVENANCE.md there): all 18 months load, every figure for 2016 and 2017 is reproduced from the files with 0
differences, loading them again changes nothing, and every row not loaded is accounted for (issue 23)."""

from pathlib import Path

import pytest

from victimsrights.api.models import ApiEvent
from victimsrights.policeuk.files import csv_files, is_outcomes_file, street_rows
from victimsrights.policeuk.reproduce import differences
from victimsrights.policeuk.services import police_uk_import
from victimsrights.recording.models import Crime

pytestmark = [pytest.mark.usefixtures("london"), pytest.mark.django_db]
SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "police-uk"
MONTHS = sorted(path for path in SHARED.iterdir() if path.is_dir())


def test_eighteen_real_months_load_reproduce_with_0_differences_and_load_again_unchanged():
    assert len(MONTHS) == 18
    street = [row for path in csv_files(MONTHS) if not is_outcomes_file(path) for row in street_rows(path)]

    summary = police_uk_import(MONTHS)

    expected, wrong = differences(MONTHS)
    assert wrong == []
    assert sorted(expected) == [2016, 2017]
    assert sum(counts["crimes.recorded"] for counts in expected[2016].values()) > 1_000  # a real year, not a slice
    # Every street row is accounted for: a crime loaded (or a repeat of one), anti-social behaviour, or not loaded
    # with its reason, listed by count.
    crime_rows = [row for row in street if row.crime_id]
    repeats = len(crime_rows) - len({row.crime_id for row in crime_rows})
    loaded = Crime.objects.count()
    assert summary.antisocial_behaviour == len(street) - len(crime_rows)
    assert loaded + sum(summary.skipped.values()) + repeats == len(crime_rows)
    assert set(summary.skipped) <= {"no location", "outside London"} | {
        reason for reason in summary.skipped if reason.startswith("in ") and reason.endswith("own boroughs")
    }
    assert summary.skipped["no location"] == sum(1 for row in crime_rows if not row.lsoa_code)  # 465 in these files

    events = ApiEvent.objects.count()
    again = police_uk_import(MONTHS)
    assert (Crime.objects.count(), ApiEvent.objects.count()) == (loaded, events)
    assert again.results["applied"] == 0

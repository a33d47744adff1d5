"""Loading new crimes as a set writes exactly the rows that applying each event one by one writes (the API's live
path): the same reports, crimes, cases, history, API events and audit, for the test slice and for real City of London
months with their outcome files, and on a second load, nothing."""

import datetime
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import timezone

from victimsrights.api.tests.rows import all_rows, assert_same_rows
from victimsrights.policeuk.services import ImportSummary, police_uk_import
from victimsrights.recording.models import Crime

pytestmark = pytest.mark.usefixtures("london")

SLICE = Path(__file__).parent / "data" / "police-uk"
REAL = Path(__file__).resolve().parents[4] / "shared" / "data" / "police-uk"


def _loaded(paths: list[Path], *, as_a_set: bool, keep: bool) -> tuple[ImportSummary, dict, int]:
    started = timezone.now()
    with transaction.atomic():
        summary = police_uk_import(paths, as_a_set=as_a_set)
        rows = all_rows(started, timezone.now() + datetime.timedelta(seconds=1))
        crimes = Crime.objects.count()
        transaction.set_rollback(not keep)
    return summary, rows, crimes


@pytest.mark.parametrize(
    "paths",
    [[SLICE], [REAL / "2016-01", REAL / "2016-02", REAL / "2016-03", REAL / "2017-06"]],
    ids=["slice", "real City of London months"],
)
def test_a_set_writes_the_rows_one_by_one_writes(paths):
    one_by_one, expected, crimes = _loaded(paths, as_a_set=False, keep=False)
    assert Crime.objects.count() == 0 and crimes > 0

    as_a_set, rows, _ = _loaded(paths, as_a_set=True, keep=True)

    assert as_a_set == one_by_one
    assert_same_rows(rows, expected)
    again, _, _ = _loaded(paths, as_a_set=True, keep=True)
    assert again.results["applied"] == 0 and Crime.objects.count() == crimes


@pytest.mark.django_db(transaction=True)
def test_files_loaded_side_by_side_write_the_rows_one_process_writes(settings):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("files load side by side on PostgreSQL only")
    months = sorted(path for path in REAL.iterdir() if path.is_dir())[:6]
    one_process, expected, crimes = _loaded(months, as_a_set=True, keep=False)

    started = timezone.now()
    side_by_side = police_uk_import(months, workers=2)

    assert side_by_side == one_process
    assert_same_rows(all_rows(started, timezone.now() + datetime.timedelta(seconds=1)), expected)
    assert Crime.objects.count() == crimes > 1_000

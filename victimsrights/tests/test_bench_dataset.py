"""The national benchmark's dataset (bench/national.py, built in SQL for speed) still fits the models: a new
column without a database default, or a renamed one, fails here and not an hour into `make bench`."""

import pytest
from django.apps import apps
from django.db import connection

from bench.national import STEPS, fill
from victimsrights.cases.models import Case
from victimsrights.compliance.models import CaseDuty
from victimsrights.encryption import encrypted_columns
from victimsrights.recording.models import Crime

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the dataset is built in PostgreSQL's SQL")


@pytest.mark.django_db
def test_the_national_dataset_fills_every_table_it_builds():
    counts = fill(cases=300)

    assert list(counts) == [name for name, _sql in STEPS]
    empty = [name for name, rows in counts.items() if rows == 0 and name not in {"appeals", "complaints", "reviews"}]
    assert not empty
    assert 250 <= Case.objects.count() <= 350
    assert Crime.objects.exclude(cancelled_at=None).exclude(cancellation_ground="").count() == (
        Crime.objects.exclude(cancelled_at=None).count()
    )
    assert CaseDuty.objects.filter(duty__code="acknowledge").count() == Case.objects.count()

    models = {model._meta.db_table: model for model in apps.get_models()}
    for table, columns in encrypted_columns():  # the victim's words, written in SQL, read back through the models
        for row in models[table].objects.values(*columns)[:20]:
            assert all(isinstance(value, str) for value in row.values())

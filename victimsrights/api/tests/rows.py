"""Every row the service holds, comparable between two runs of the same work: for tests that one path (a batch
applied as a set) writes exactly what another (one event at a time) writes."""

import datetime
import json
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db import models

from victimsrights.api.models import ApiClient
from victimsrights.audit.models import AuditEntry
from victimsrights.cases.models import Case
from victimsrights.recording.models import Crime
from victimsrights.reporting.models import Report

# A row's own id, and the references and keys drawn at random, differ between runs by design.
RANDOM = {(Report, "reference"), (Report, "idempotency_key"), (ApiClient, "key_hash"), (ApiClient, "key_prefix")}
IDS_IN_AUDIT_DETAIL = {"event"}
# Rows that point at these are compared by what identifies them, not by their ids.
NATURAL_KEY: dict[type[models.Model], Callable[[Any], Any]] = {
    Crime: lambda crime: crime.crime_number,
    Case: lambda case: case.crime.crime_number,
    Report: lambda report: getattr(getattr(report, "crime", None), "crime_number", None),
    ApiClient: lambda client: client.name,
}


def all_rows(started: datetime.datetime, ended: datetime.datetime) -> dict[str, list[tuple[Any, ...]]]:
    """Each of the service's tables as a sorted list of rows; a time within [started, ended] reads as "now"."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    for model in _service_models():
        fields = [
            field
            for field in model._meta.concrete_fields
            if not field.primary_key and (model, field.name) not in RANDOM
        ]
        rows = [tuple(_value(row, field, started, ended) for field in fields) for row in model.objects.all()]
        tables[model._meta.label] = sorted(rows, key=_order)
    return tables


def _order(row: tuple[Any, ...]) -> str:
    return json.dumps(row, sort_keys=True, default=str)


def _service_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if model.__module__.startswith("victimsrights.")]


def _value(row: models.Model, field: models.Field, started: datetime.datetime, ended: datetime.datetime) -> Any:
    if isinstance(field, models.ForeignKey) and field.related_model in NATURAL_KEY:
        target = getattr(row, field.name)
        return None if target is None else NATURAL_KEY[field.related_model](target)
    value = getattr(row, field.attname)
    if isinstance(row, AuditEntry) and field.name == "detail":  # row ids named in the detail differ by design
        return {key: "an id" if key in IDS_IN_AUDIT_DETAIL else detail for key, detail in value.items()}
    if isinstance(row, AuditEntry) and field.name == "subject_id":  # a subject named by its label and id
        model = next((model for model in NATURAL_KEY if model._meta.label_lower == row.subject_type), None)
        target = model._default_manager.filter(pk=value).first() if model else None
        return NATURAL_KEY[model](target) if model and target else value
    if isinstance(value, datetime.datetime):
        return "now" if started <= value <= ended else value.astimezone(datetime.UTC)
    return value


def assert_same_rows(rows: dict[str, list[tuple[Any, ...]]], expected: dict[str, list[tuple[Any, ...]]]) -> None:
    assert rows.keys() == expected.keys()
    for table, table_rows in expected.items():
        extra = [row for row in rows[table] if row not in table_rows]
        missing = [row for row in table_rows if row not in rows[table]]
        assert rows[table] == table_rows, f"{table}: {len(extra)} rows not expected {extra[:3]}, missing {missing[:3]}"

"""The offence list is the real Home Office code list (the ONS copy), not one written by hand."""

import csv
from pathlib import Path

import pytest

from victimsrights.recording.models import OffenceClassification
from victimsrights.recording.selectors import classification_list

pytestmark = pytest.mark.usefixtures("london")
SHARED = (
    Path(__file__).resolve().parents[4] / "shared" / "data" / "home-office-offence-codes" / "crime-offence.derived.csv"
)


def real_list() -> dict[str, tuple[str, str]]:
    path = (
        SHARED
        if SHARED.exists()
        else Path(__file__).resolve().parents[1] / "fixtures" / "home_office_offence_codes.csv"
    )
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    parents = {row["parent_code"] for row in rows}
    return {row["code"]: (row["label"], row["parent_code"]) for row in rows if row["code"] not in parents | {"offence"}}


def test_every_classification_is_a_real_code_with_its_real_name():
    real = real_list()
    loaded = {o.code: o.description for o in OffenceClassification.objects.all()}
    assert loaded == {code: label for code, (label, _parent) in real.items()}
    assert len(loaded) == 136


def test_the_errors_the_old_list_had_are_gone():
    assert OffenceClassification.objects.get(code="9A").description == "Public fear, alarm or distress"
    assert OffenceClassification.objects.get(code="3B").description == "Threats to kill"
    assert not OffenceClassification.objects.filter(code__in=["125", "53"]).exists()  # 125 is a sub-code of 9A


def test_fraud_is_not_offered_for_recording_because_action_fraud_records_it():
    offered = set(classification_list().values_list("code", flat=True))
    fraud = set(OffenceClassification.objects.filter(group="Fraud offences").values_list("code", flat=True))
    assert fraud and not fraud & offered
    assert {"8N", "28E", "39", "9A", "19C"} <= offered


def test_each_code_keeps_the_police_uk_crime_type_it_is_published_under():
    types = dict(OffenceClassification.objects.values_list("code", "police_uk_category"))
    assert types["28E"] == types["30C"] == "Burglary"
    assert types["39"] == "Theft from the person" and types["46"] == "Shoplifting"
    assert types["19C"] == types["8N"] == types["1-4.1-4.10-4.2"] == "Violence and sexual offences"
    assert types["9A"] == "Public order" and types["99"] == "Other crime" and types["53D"] == ""
    assert all(category or code.startswith("5") for code, category in types.items())


def test_sexual_offences_homicide_and_hate_crime_carry_enhanced_rights():
    enhanced = set(OffenceClassification.objects.filter(enhanced_rights=True).values_list("code", flat=True))
    assert {"19C", "20A", "88E", "1-4.1-4.10-4.2", "8M", "9B", "58J"} <= enhanced
    assert not {"39", "28E", "9A", "8N"} & enhanced

"""Each published plan's figures as open data: CSV and JSON, described by a Frictionless Data Package
(`datapackage.json`: fields, types, units, sources, licence), at a stable address per area and year that always
serves the latest version. Disclosure control applies: a withheld figure is "[c]", a missing value in the schema.

Data Package and Table Schema: Frictionless Data specifications (specs.frictionlessdata.io), validated in the tests
with the `frictionless` library.
"""

import json
from typing import Any

from victimsrights.plans.document import CONFIDENTIAL, CSV_COLUMNS, PlanDocument, csv_rows
from victimsrights.plans.published_crime import SOURCE as MPS_SOURCE

LICENCE = {
    "name": "OGL-UK-3.0",
    "title": "Open Government Licence v3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}
FIELDS: dict[str, tuple[str, str]] = {
    "year": ("integer", "The calendar year the plan covers (London time)."),
    "area_code": ("string", "The Basic Command Unit's code in the service."),
    "place_type": ("string", "Basic Command Unit, or Borough."),
    "place_code": ("string", "The BCU's code, or the borough's ONS code."),
    "place_name": ("string", "The place's name."),
    "section": ("string", "The part of the plan the figure belongs to."),
    "measure": ("string", "A stable key for the figure, the same every year."),
    "label": ("string", "What the figure counts, in words."),
    "unit": ("string", "count, percent, hours or days: the unit of value, previous_year_value and change."),
    "value": ("number", "The figure for the year, in its unit. [c]: withheld to protect victims' privacy."),
    "previous_year_value": ("number", "The same figure for the year before. [c]: withheld."),
    "change": ("number", "value minus previous_year_value (percentage points for a percent); empty if either is."),
}
CONSTRAINTS = {
    "unit": {"enum": ["count", "percent", "hours", "days"]},
    "place_type": {"enum": ["Basic Command Unit", "Borough"]},
}


def _schema() -> dict[str, Any]:
    return {
        "fields": [
            {
                "name": name,
                "type": kind,
                "description": description,
                **({"constraints": CONSTRAINTS[name]} if name in CONSTRAINTS else {}),
            }
            for name, (kind, description) in FIELDS.items()
        ],
        "missingValues": ["", CONFIDENTIAL],
        "primaryKey": ["place_code", "measure"],
    }


def _resource(name: str, path: str, file_format: str, mediatype: str) -> dict[str, Any]:
    """One file of the package: the same figures, described by the same schema."""
    return {
        "name": name,
        "path": path,
        "profile": "tabular-data-resource",
        "format": file_format,
        "mediatype": mediatype,
        "encoding": "utf-8",
        "schema": _schema(),
    }


def data_package(document: PlanDocument, *, version_number: int, published_at: str) -> dict[str, Any]:
    name = f"victims-plan-{document.area_code}-{document.year}"
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": f"{document.area_name} Victims' Plan {document.year}: figures",
        "description": (
            f"The figures of version {version_number} of the {document.area_name} Victims' Plan for {document.year}, "
            "for the Basic Command Unit and each of its boroughs, beside the year before. Counted from the "
            "Victims' Rights Service's own records; figures that could identify a victim are withheld as [c] "
            "(counts from 1 to 9, rates on fewer than 10 records, and figures a total would give away)."
        ),
        "version": str(version_number),
        "created": published_at,
        "licenses": [LICENCE],
        "sources": [
            {"title": "Victims' Rights Service records (the service's own counts)"},
            {"title": MPS_SOURCE, "path": "https://data.london.gov.uk/dataset/recorded_crime_summary"},
        ],
        "resources": [
            _resource("figures", "figures.csv", "csv", "text/csv"),
            _resource("figures-json", "figures.json", "json", "application/json"),
        ],
    }


def figures_json(document: PlanDocument) -> str:
    """The same rows as the CSV, as an array of objects (numbers as numbers, [c] as it is, missing as null)."""
    rows = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in csv_rows(document)]
    return json.dumps([{key: (None if value == "" else value) for key, value in row.items()} for row in rows], indent=1)

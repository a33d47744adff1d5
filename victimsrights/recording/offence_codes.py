"""The Home Office offence classifications, read from the real code list (fixtures/home_office_offence_codes.csv,
the ONS copy: see fixtures/PROVENANCE.md) with the rules in fixtures/offences.json beside it.

Pure functions over the files, so the loader and the migrations read the list the same way.
"""

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
OFFENCES_FIXTURE = FIXTURES / "offences.json"
ROOT = "offence"


@dataclass(frozen=True)
class Classification:
    code: str
    description: str
    group: str
    subgroup: str
    police_uk_category: str
    enhanced_rights: bool
    recordable: bool


def classifications(path: Path = OFFENCES_FIXTURE) -> list[Classification]:
    """Every offence code of the list (its leaves), with its group, police.uk crime type and the rules that apply."""
    rules: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    with (path.parent / rules["codes_file"]).open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    label = {row["code"]: row["label"] for row in rows}
    parent = {row["code"]: row["parent_code"] for row in rows}
    groups = set(parent.values())
    categories: dict[str, str] = rules["police_uk_category"]["by_code_or_group"]
    enhanced = rules["enhanced_rights"]
    enhanced_codes = set(enhanced["codes"]) | set(enhanced.get("codes_not_confirmed", []))
    found = []
    for code in label:
        if code in groups or code == ROOT:
            continue
        ancestors = _ancestors(code, parent)
        top = ancestors[-1] if ancestors else code
        found.append(
            Classification(
                code=code,
                description=label[code],
                group=label.get(top, ""),
                subgroup=label[ancestors[0]] if len(ancestors) > 1 else "",
                police_uk_category=next((categories[c] for c in [code, *ancestors] if c in categories), ""),
                enhanced_rights=code in enhanced_codes or any(c in enhanced["groups"] for c in [code, *ancestors]),
                recordable=not any(label[code].endswith(suffix) for suffix in rules["not_recordable"]["suffixes"]),
            )
        )
    return found


def _ancestors(code: str, parent: dict[str, str]) -> list[str]:
    """The groups above `code`, nearest first, up to (not including) the root."""
    chain: list[str] = []
    current = parent.get(code, "")
    while current and current != ROOT and current not in chain:
        chain.append(current)
        current = parent.get(current, "")
    return chain


def offences_into(offence_model: Any, path: Path = OFFENCES_FIXTURE) -> list[str]:
    """Create or update every classification; codes no longer listed stay (crimes keep them) but are not offered.
    A migration passes its historical model."""
    loaded = classifications(path)
    for row in loaded:
        offence_model.objects.update_or_create(
            code=row.code,
            defaults={
                "description": row.description,
                "group": row.group,
                "subgroup": row.subgroup,
                "enhanced_rights": row.enhanced_rights,
                "police_uk_category": row.police_uk_category,
                "recordable": row.recordable,
            },
        )
    codes = [row.code for row in loaded]
    offence_model.objects.exclude(code__in=codes).update(recordable=False)
    return codes

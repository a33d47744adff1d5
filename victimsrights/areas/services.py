import json
from pathlib import Path
from typing import Any

from django.db import transaction

from victimsrights.areas.models import Area, Borough, Force

LONDON_FIXTURE = Path(__file__).parent / "fixtures" / "london.json"


@transaction.atomic
def areas_load(*, data: dict[str, Any]) -> dict[str, int]:
    """Create or update forces, areas (BCUs) and boroughs from data; safe to run again."""
    counts = {"forces": 0, "areas": 0, "boroughs": 0}
    for force_data in data["forces"]:
        force, _ = Force.objects.update_or_create(
            code=force_data["code"],
            defaults={"name": force_data["name"], "crime_number_prefix": force_data["crime_number_prefix"]},
        )
        counts["forces"] += 1
        for area_data in force_data["areas"]:
            area, _ = Area.objects.update_or_create(
                code=area_data["code"], defaults={"force": force, "name": area_data["name"]}
            )
            counts["areas"] += 1
            for ons_code, name in area_data["boroughs"]:
                Borough.objects.update_or_create(ons_code=ons_code, defaults={"area": area, "name": name})
                counts["boroughs"] += 1
    return counts


def areas_load_file(path: Path = LONDON_FIXTURE) -> dict[str, int]:
    return areas_load(data=json.loads(path.read_text(encoding="utf-8")))

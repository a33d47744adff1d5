"""The Victims' Code duties as data (fixtures/duties.json, each citing its source), loaded the same way by the
`load_duties` command and by the migrations that change them."""

import json
from pathlib import Path
from typing import Any

DUTIES_FIXTURE = Path(__file__).parent / "fixtures" / "duties.json"


def duties_into(duty_model: Any, path: Path = DUTIES_FIXTURE) -> int:
    """Create or update every duty; a migration passes its historical model, which may lack later fields."""
    fields = {field.name for field in duty_model._meta.get_fields()}
    rows = json.loads(path.read_text(encoding="utf-8"))["duties"]
    for row in rows:
        code = row.pop("code")
        duty_model.objects.update_or_create(code=code, defaults={k: v for k, v in row.items() if k in fields})
    return len(rows)

"""The borough of a police.uk row from its LSOA code (2011 or 2021), through the real London lookups
(`fixtures/lsoa_borough.csv`, PROVENANCE.md beside it)."""

import csv
from functools import cache
from pathlib import Path

LOOKUP = Path(__file__).parent / "fixtures" / "lsoa_borough.csv"


@cache
def _borough_codes() -> dict[str, str]:
    with LOOKUP.open(newline="", encoding="utf-8") as handle:
        return {row["lsoa_code"]: row["borough_code"] for row in csv.DictReader(handle)}


def borough_code(lsoa_code: str) -> str | None:
    """The borough's ONS code; None for an LSOA outside London. An empty code ("No location") is also None."""
    return _borough_codes().get(lsoa_code.strip()) if lsoa_code.strip() else None

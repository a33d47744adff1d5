"""Reading police.uk's monthly CSV files: `*-street.csv` (one row per crime or ASB incident) and `*-outcomes.csv`."""

import csv
import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

STREET_COLUMNS = ["Crime ID", "Month", "Reported by", "LSOA code", "LSOA name", "Crime type", "Last outcome category"]
OUTCOME_COLUMNS = ["Crime ID", "Month", "Reported by", "Outcome type"]


class NotPoliceUkFile(ValueError):
    """The file is not in police.uk's format; the message says where."""


@dataclass(frozen=True)
class StreetRow:
    crime_id: str
    month: datetime.date
    reported_by: str
    lsoa_code: str
    lsoa_name: str
    crime_type: str
    last_outcome: str


@dataclass(frozen=True)
class OutcomeRow:
    crime_id: str
    month: datetime.date
    outcome_type: str


def csv_files(paths: Iterable[Path]) -> list[Path]:
    """The CSV files given, and those under any folder given (as police.uk's downloads unpack), in name order."""
    found: list[Path] = []
    for path in paths:
        found += sorted(path.rglob("*.csv")) if path.is_dir() else [path]
    return found


def is_outcomes_file(path: Path) -> bool:
    return "Outcome type" in _header(path)


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return next(csv.reader(file), [])


def _rows(path: Path, columns: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        missing = [column for column in columns if column not in (reader.fieldnames or [])]
        if missing:
            raise NotPoliceUkFile(f"{path.name}: no {', '.join(missing)} column; is it a police.uk file?")
        for line, row in enumerate(reader, start=2):
            yield line, {key: (value or "").strip() for key, value in row.items() if key}


def _month(path: Path, line: int, value: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        raise NotPoliceUkFile(f"{path.name} line {line}: the month {value!r} is not like 2026-01") from None


def street_rows(path: Path) -> Iterator[StreetRow]:
    for line, row in _rows(path, STREET_COLUMNS):
        yield StreetRow(
            crime_id=row["Crime ID"],
            month=_month(path, line, row["Month"]),
            reported_by=row["Reported by"],
            lsoa_code=row["LSOA code"],
            lsoa_name=row["LSOA name"],
            crime_type=row["Crime type"],
            last_outcome=row["Last outcome category"],
        )


def outcome_rows(path: Path) -> Iterator[OutcomeRow]:
    for line, row in _rows(path, OUTCOME_COLUMNS):
        yield OutcomeRow(
            crime_id=row["Crime ID"], month=_month(path, line, row["Month"]), outcome_type=row["Outcome type"]
        )


def count_lines(path: Path) -> int:
    with path.open("rb") as file:
        return max(sum(1 for _ in file) - 1, 0)

"""The Met's published recorded crime by borough (London Datastore, "MPS Borough Level Crime"), read from the file,
loaded once, and counted for each borough's plan beside the service's own figures.

The file: columns MajorText, MinorText, BoroughName, then one column a month named YYYYMM, one row per borough and
minor category (see ../shared/data/london-datastore-mps-borough-crime/PROVENANCE.md).
"""

import csv
import datetime
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear

from victimsrights.plans.models import PublishedCrimeMonth

SOURCE = (
    "Metropolitan Police Service, recorded crime by borough (London Datastore, 'MPS Borough Level Crime'), "
    "Open Government Licence"
)
TREND_YEARS = 10
BATCH = 5_000


@dataclass(frozen=True)
class Cell:
    borough_name: str
    major: str
    minor: str
    month: datetime.date
    count: int


class FileProblem(ValueError):
    """The file is not the MPS borough file: the message says what is wrong."""


def _months(path: Path, header: list[str]) -> list[datetime.date]:
    """The month each column after the first three stands for; the header checked on the way."""
    if header[:3] != ["MajorText", "MinorText", "BoroughName"] or len(header) < 4:
        raise FileProblem(f"{path.name}: the first columns must be MajorText, MinorText, BoroughName, then months")
    try:
        return [datetime.date(int(name[:4]), int(name[4:6]), 1) for name in header[3:]]
    except ValueError as error:
        raise FileProblem(f"{path.name}: a month column is not YYYYMM ({error})") from None


def read_cells(path: Path) -> Iterator[Cell]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        months = _months(path, header)
        for line, row in enumerate(reader, start=2):
            if len(row) != len(header):
                raise FileProblem(f"{path.name}, line {line}: {len(row)} values for {len(header)} columns")
            major, minor, borough = (value.strip() for value in row[:3])
            for month, value in zip(months, row[3:], strict=True):
                if value.strip():
                    yield Cell(borough, major, minor, month, int(value))


def months_in(path: Path) -> list[datetime.date]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return _months(path, next(csv.reader(handle), []))


@transaction.atomic
def published_crime_import(path: Path, *, progress: Callable[[Iterable[Cell]], Iterable[Cell]] = iter) -> int:
    """Load the file. The months it covers are replaced whole, so a newer file updates them and the same file
    again changes nothing. Returns the number of cells loaded."""
    months = months_in(path)
    cells = list(read_cells(path))  # read (and checked) in full before anything is replaced
    PublishedCrimeMonth.objects.filter(month__in=months).delete()
    batch: list[PublishedCrimeMonth] = []
    for cell in progress(cells):
        batch.append(PublishedCrimeMonth(**cell.__dict__))
        if len(batch) == BATCH:
            PublishedCrimeMonth.objects.bulk_create(batch)
            batch = []
    PublishedCrimeMonth.objects.bulk_create(batch)
    return len(cells)


def published_crime_for(*, borough_names: list[str], year: int) -> dict[str, Any] | None:
    """The plan's section: recorded crime for the year by major category beside the same months of the year
    before, and each year's total over ten years. None when the loaded file has no month of the year."""
    cells = PublishedCrimeMonth.objects.filter(borough_name__in=borough_names)
    covered = sorted(set(cells.filter(month__year=year).values_list("month", flat=True)))
    if not covered:
        return None
    this: Counter[str] = Counter()
    last: Counter[str] = Counter()
    for major, counted_year, total in (
        cells.filter(month__year__in=[year, year - 1], month__month__in=[month.month for month in covered])
        .annotate(year=ExtractYear("month"))
        .values_list("major", "year")
        .annotate(total=Sum("count"))
    ):
        (this if counted_year == year else last)[major] += total
    trend = (
        cells.filter(month__year__gt=year - TREND_YEARS, month__year__lte=year)
        .annotate(year=ExtractYear("month"))
        .values_list("year")
        .annotate(total=Sum("count"), months=Count("month", distinct=True))
        .order_by("year")
    )
    return {
        "source": SOURCE,
        "period": _period(covered),
        "rows": [[major, this[major], last[major] if last else None] for major in sorted(set(this) | set(last))],
        "total": [sum(this.values()), sum(last.values()) if last else None],
        "trend": [[counted_year, total, months] for counted_year, total, months in trend],
    }


def _period(covered: list[datetime.date]) -> str:
    first, last = covered[0], covered[-1]
    if len(covered) == 12:
        return f"January to December {last.year}"
    return f"{first:%B} to {last:%B %Y}"


def totals_from_file(path: Path) -> Counter[tuple[str, int, str]]:
    """(borough, year, major) -> total, counted straight from the file, for the check."""
    totals: Counter[tuple[str, int, str]] = Counter()
    for cell in read_cells(path):
        totals[(cell.borough_name, cell.month.year, cell.major)] += cell.count
    return totals


def differences(path: Path) -> list[str]:
    """Every borough, year and major category whose loaded count, over the months the file covers, differs from
    the file's own total: none after the file is loaded. (A newer file may cover fewer months.)"""
    expected = totals_from_file(path)
    loaded = Counter(
        {
            (borough, year, major): total
            for borough, year, major, total in PublishedCrimeMonth.objects.filter(month__in=months_in(path))
            .annotate(year=ExtractYear("month"))
            .values_list("borough_name", "year", "major")
            .annotate(total=Sum("count"))
        }
    )
    return [
        f"{borough}, {year}, {major}: the file says {expected[key]:,}, the service has {loaded.get(key, 0):,}"
        for key in sorted(set(expected) | set(loaded))
        for borough, year, major in [key]
        if expected[key] != loaded.get(key, 0)
    ]

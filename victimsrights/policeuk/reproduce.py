"""Check that the service's own figures reproduce police.uk's files: crimes per borough and per force area by crime
type, outcomes by Home Office type, the area's crimes with no location or in another force's borough, the borough's
crimes recorded by another force, and anti-social behaviour per borough, counted straight from the CSVs.

Run it on a database that holds only the imported crimes for those years: crimes reported through the
service would (rightly) add to its figures.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Sum
from django.utils.text import slugify

from victimsrights.areas.models import Area, Borough, Force
from victimsrights.plans.figures import plan_figures
from victimsrights.policeuk.files import csv_files, is_outcomes_file, outcome_rows, street_rows
from victimsrights.policeuk.lsoa import borough_code
from victimsrights.policeuk.mapping import CLASSIFICATION_FOR_CRIME_TYPE, OUTCOME_TYPE_FOR_CATEGORY, PUBLISHED_AS_IS
from victimsrights.policeuk.models import AntisocialBehaviour
from victimsrights.policeuk.services import last_outcome_months

ANTISOCIAL = "antisocial_behaviour"
BCU = "bcu:"  # a force area's figures, keyed apart from the boroughs' ONS codes
Counts = dict[int, dict[str, Counter[str]]]  # year -> borough ONS code (or BCU + area code) -> measure -> count


@dataclass(frozen=True)
class Difference:
    year: int
    borough: str
    measure: str
    in_files: int
    in_service: int


def outcome_measure(category: str) -> str:
    """The plan measure a police.uk outcome category counts under: its Home Office type, or itself as published."""
    if category in PUBLISHED_AS_IS:
        return f"outcomes.published.{slugify(category)}"
    return f"outcomes.{OUTCOME_TYPE_FOR_CATEGORY[category]}"


def counts_in_files(paths: Iterable[Path]) -> Counts:
    """Counted from the CSVs alone, by the rules police.uk's files are imported under."""
    files = csv_files(paths)
    last_outcome_month = last_outcome_months(
        row for path in filter(is_outcomes_file, files) for row in outcome_rows(path)
    )
    forces = {name.casefold() for name in Force.objects.values_list("name", flat=True)}
    boroughs = {
        code: (force.casefold(), area)
        for code, force, area in Borough.objects.values_list("ons_code", "area__force__name", "area__code")
    }
    areas = defaultdict(list)
    for force, area in Area.objects.values_list("force__name", "code"):
        areas[force.casefold()].append(area)
    counts: Counts = defaultdict(lambda: defaultdict(Counter))
    seen: set[str] = set()
    for path in files:
        if is_outcomes_file(path):
            continue
        for row in street_rows(path):
            force = row.reported_by.casefold()
            code = borough_code(row.lsoa_code) or ""
            borough_force, borough_area = boroughs.get(code, ("", ""))
            if force not in forces:
                continue
            if not row.crime_id:
                if code:
                    counts[row.month.year][code][ANTISOCIAL] += 1
                continue
            if (row.lsoa_code.strip() and not code) or row.crime_type not in CLASSIFICATION_FOR_CRIME_TYPE:
                continue  # outside London, or a crime type the service does not know
            own = borough_force == force
            if not own and len(areas[force]) != 1:
                continue  # outside its boroughs, and the force has several areas: not loaded
            if row.crime_id in seen:
                continue
            seen.add(row.crime_id)
            area = f"{BCU}{borough_area if own else areas[force][0]}"
            places = [area, code] if own else [area]
            if not own:
                counts[row.month.year][area]["placed.outside" if code else "placed.no_location"] += 1
                if code:
                    counts[row.month.year][code]["placed.by_other_force"] += 1
                    counts[row.month.year][f"{BCU}{borough_area}"]["placed.by_other_force"] += 1
            for place in places:
                counts[row.month.year][place]["crimes.recorded"] += 1
                counts[row.month.year][place][f"crimes.{slugify(row.crime_type)}"] += 1
                if row.last_outcome in OUTCOME_TYPE_FOR_CATEGORY or row.last_outcome in PUBLISHED_AS_IS:
                    year = max(row.month, last_outcome_month.get(row.crime_id, row.month)).year
                    counts[year][place][outcome_measure(row.last_outcome)] += 1
    return counts


def counts_in_service(years: Iterable[int]) -> Counts:
    counts: Counts = defaultdict(lambda: defaultdict(Counter))
    for year in years:
        for (kind, code), figures in plan_figures(year).items():
            place = code if kind == "borough" else f"{BCU}{code}"
            for measure, value in figures.items():
                if measure.startswith(("crimes.", "outcomes.", "placed.")) and value:
                    counts[year][place][measure] = int(value)
        antisocial = (
            AntisocialBehaviour.objects.filter(month__year=year, borough__isnull=False)
            .values("borough__ons_code")
            .annotate(n=Sum("incidents"))
        )
        for row in antisocial:
            counts[year][row["borough__ons_code"]][ANTISOCIAL] = row["n"]
    return counts


def differences(paths: Iterable[Path]) -> tuple[Counts, list[Difference]]:
    expected = counts_in_files(paths)
    found = counts_in_service(sorted(expected))
    names = dict(Borough.objects.values_list("ons_code", "name"))
    wrong = []
    for year in sorted(expected):
        for code in sorted(set(expected[year]) | set(found[year])):
            want, have = expected[year][code], found[year][code]
            for measure in sorted(set(want) | set(have)):
                if want[measure] != have[measure]:
                    wrong.append(Difference(year, names.get(code, code), measure, want[measure], have[measure]))
    return expected, wrong

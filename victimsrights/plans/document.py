"""A plan as a document: the snapshot frozen at publication (or counted live for a draft),
and the one shape every output reads — the web page, the PDF and the open data CSV."""

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from victimsrights.plans.figures import Measure, Place, PlaceKey, Unit, Value, measures, places, plan_figures
from victimsrights.plans.models import Plan
from victimsrights.plans.published_crime import published_crime_for

CONFIDENTIAL = "[c]"  # a figure withheld by disclosure control (the Government Statistical Service's shorthand)
CSV_COLUMNS = [
    "year",
    "area_code",
    "place_type",
    "place_code",
    "place_name",
    "section",
    "measure",
    "label",
    "unit",
    "value",
    "previous_year_value",
    "change",
]
PLACE_TYPES = {"bcu": "Basic Command Unit", "borough": "Borough"}


def figures_with_change(
    year: int, *, area_codes: Iterable[str] | None = None, now: datetime.datetime | None = None
) -> dict[PlaceKey, dict[str, list[Value]]]:
    """Each place's figures for the year beside the year before: {place: {measure: [value, previous]}}."""
    codes = None if area_codes is None else list(area_codes)
    this_year = plan_figures(year, area_codes=codes, now=now)
    last_year = plan_figures(year - 1, area_codes=codes, now=now)
    return {
        place: {key: [value, last_year[place].get(key)] for key, value in figures.items()}
        for place, figures in this_year.items()
    }


def snapshot_build(
    plan: Plan, *, now: datetime.datetime, figures: dict[PlaceKey, dict[str, list[Value]]] | None = None
) -> dict[str, Any]:
    """Everything a published version shows, as plain data. `figures` may be counted once for many plans."""
    if figures is None:
        figures = figures_with_change(plan.year, area_codes=[plan.area.code], now=now)
    return {
        "year": plan.year,
        "area": {"code": plan.area.code, "name": plan.area.name},
        "narrative": plan.narrative,
        "commitments": [
            {"commitment": c.commitment, "measure": c.measure, "target": c.target}
            for c in (plan.commitments.all() if plan.pk else [])
        ],
        "comments": [
            {"text": comment.text, "made_at": comment.made_at.isoformat()}
            for comment in (plan.comments.all() if plan.pk else [])
        ],
        "figures_as_at": now.isoformat(),
        "measures": [asdict(measure) for measure in measures()],
        "places": [
            {**asdict(place), "figures": figures[place.key]}
            for place in places([plan.area.code])
            if place.key in figures
        ],
        "published_crime": published_crime_by_place(places([plan.area.code]), plan.year),
    }


def published_crime_by_place(every_place: list[Place], year: int) -> dict[str, Any]:
    """The Met's published recorded crime for each place: a borough's own, an area's its boroughs' together."""
    by_place: dict[str, Any] = {}
    for place in every_place:
        names = (
            [place.name]
            if place.kind == "borough"
            else [
                borough.name for borough in every_place if borough.kind == "borough" and borough.area_code == place.code
            ]
        )
        by_place[place.code] = published_crime_for(borough_names=names, year=year)
    return by_place


@dataclass(frozen=True)
class FigureRow:
    measure: Measure
    value: Value
    previous: Value
    # Withheld from the public by disclosure control (plans/disclosure.py): shown as "[c]", never charted.
    value_hidden: bool = False
    previous_hidden: bool = False

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None or self.value_hidden or self.previous_hidden:
            return None
        return round(self.value - self.previous, 1)

    @property
    def hidden(self) -> bool:
        return self.value_hidden or self.previous_hidden

    def text(self, value: Value, hidden: bool = False) -> str:
        if hidden:
            return CONFIDENTIAL
        if value is None:
            return "No data"
        number = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
        return {Unit.PERCENT: f"{number}%", Unit.HOURS: f"{number} hours", Unit.DAYS: f"{number} days"}.get(
            Unit(self.measure.unit), number
        )

    @property
    def value_text(self) -> str:
        return self.text(self.value, self.value_hidden)

    @property
    def previous_text(self) -> str:
        return self.text(self.previous, self.previous_hidden)

    @property
    def change_text(self) -> str:
        change = self.change
        if change is None:
            return "Cannot compare"
        if change == 0:
            return "No change"
        number = f"{abs(change):,}" if isinstance(change, int) or change.is_integer() else f"{abs(change):,.1f}"
        number = number.removesuffix(".0")
        sign = "+" if change > 0 else "\N{MINUS SIGN}"
        return f"{sign}{number} points" if self.measure.unit == Unit.PERCENT else f"{sign}{number}"


@dataclass(frozen=True)
class SectionRows:
    title: str
    rows: list[FigureRow]


@dataclass(frozen=True)
class PlaceFigures:
    place: Place
    rows: list[FigureRow]

    @property
    def sections(self) -> list[SectionRows]:
        titles = list(dict.fromkeys(row.measure.section for row in self.rows))
        return [SectionRows(title, [row for row in self.rows if row.measure.section == title]) for title in titles]

    def row(self, key: str) -> FigureRow:
        return next(row for row in self.rows if row.measure.key == key)

    def rows_starting(self, prefix: str) -> list[FigureRow]:
        return [row for row in self.rows if row.measure.key.startswith(prefix)]


@dataclass(frozen=True)
class PlanDocument:
    year: int
    area_code: str
    area_name: str
    narrative: str
    commitments: list[dict[str, str]]
    comments: list[dict[str, str]]
    figures_as_at: datetime.datetime
    places: list[PlaceFigures]
    # The Met's published recorded crime for each place's code (None where the loaded file has none).
    published_crime: dict[str, Any]
    # True once disclosure control has been applied: what the public sees.
    protected: bool = False

    @classmethod
    def from_snapshot(cls, snapshot: dict[str, Any]) -> "PlanDocument":
        every_measure = [Measure(**measure) for measure in snapshot["measures"]]
        return cls(
            year=snapshot["year"],
            area_code=snapshot["area"]["code"],
            area_name=snapshot["area"]["name"],
            narrative=snapshot["narrative"],
            commitments=snapshot["commitments"],
            comments=[
                {"text": c["text"], "made_at": datetime.datetime.fromisoformat(c["made_at"])}  # type: ignore[dict-item]
                for c in snapshot["comments"]
            ],
            figures_as_at=datetime.datetime.fromisoformat(snapshot["figures_as_at"]),
            places=[
                PlaceFigures(
                    place=Place(kind=p["kind"], code=p["code"], name=p["name"], area_code=p["area_code"]),
                    rows=[FigureRow(m, *p["figures"].get(m.key, [None, None])) for m in every_measure],
                )
                for p in snapshot["places"]
            ],
            published_crime=snapshot.get("published_crime", {}),  # versions published before it was added
        )

    @property
    def area(self) -> PlaceFigures:
        return self.places[0]

    @property
    def boroughs(self) -> list[PlaceFigures]:
        return self.places[1:]

    def place(self, code: str) -> PlaceFigures | None:
        return next((p for p in self.places if p.place.code == code), None)


def csv_rows(document: PlanDocument, places: list[PlaceFigures] | None = None) -> list[list[Any]]:
    """One row per figure per place, with the year before and the change; "[c]" where withheld."""
    return [
        [
            document.year,
            document.area_code,
            PLACE_TYPES[place_figures.place.kind],
            place_figures.place.code,
            place_figures.place.name,
            row.measure.section,
            row.measure.key,
            row.measure.label,
            row.measure.unit,
            CONFIDENTIAL if row.value_hidden else "" if row.value is None else row.value,
            CONFIDENTIAL if row.previous_hidden else "" if row.previous is None else row.previous,
            "" if row.change is None else row.change,
        ]
        for place_figures in (document.places if places is None else places)
        for row in place_figures.rows
    ]


def csv_text(document: PlanDocument, places: list[PlaceFigures] | None = None) -> str:
    """Open data: the rows of `csv_rows` under their header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(document, places))
    return out.getvalue()

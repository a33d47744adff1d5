"""Statistical disclosure control for every public figure of a plan (web page, PDF, CSV, built files).

The rule, stated on the plan page:
- a count of 1 to 9 is not shown ("[c]", confidential); zero is shown;
- a rate, median or percentile is not shown when it is based on fewer than 10 records;
- secondary suppression: where a total and its parts are both published (a BCU and its boroughs; reports and the
  ways they came in; crimes by type; reviews by scheme; cancellations by ground; safe places by kind), and only one
  part is hidden, the next smallest part is hidden too (or the total, if there is none), so that a total minus the
  other parts never gives a hidden figure away. A BCU's figure may hold more than its boroughs' (its force's crimes
  with no location or in another force's borough): that remainder counts as a part, hidden when small.

Sources: UK Longitudinal Linkage Collaboration, "Statistical Disclosure Control" (a threshold of 10; percentages and
medians based on fewer than 10 are low counts too; mask at least two cells, row-wise and column-wise, so a masked
count cannot be back-calculated); ONS, "Statistical disclosure control" (the aim and the balance with usefulness);
"[c]" is the Government Statistical Service's shorthand for a figure withheld as confidential. Staff pages inside
the service show the exact figures.
"""

import dataclasses
from collections.abc import Iterable

from victimsrights.plans.document import FigureRow, PlaceFigures, PlanDocument
from victimsrights.plans.figures import FEEDBACK_QUESTIONS, Unit, Value

THRESHOLD = 10
CONFIDENTIAL = "[c]"

# Each rate or average, and the count(s) of records it is based on.
BASES: dict[str, tuple[str, ...]] = {
    "recording.within_24h_percent": ("recording.within_24h", "recording.past_24h"),
    "recording.median_hours": ("recording.decided",),
    "recording.p90_hours": ("recording.decided",),
    "reviews.median_days": ("reviews.upheld", "reviews.overturned"),
    "messages.median_hours": ("messages.answered",),
    **{f"feedback.{question}_percent": ("feedback.responses",) for question in FEEDBACK_QUESTIONS},
}


def _base(key: str) -> tuple[str, ...]:
    """A duty's rate is based on its count of duties due: `duties.X.on_time_percent` on `duties.X.owed` (and the
    overall `duties.on_time_percent` on `duties.owed`)."""
    if key in BASES:
        return BASES[key]
    if key.startswith("duties.") and key.endswith(".on_time_percent"):
        return (key.removesuffix(".on_time_percent") + ".owed",)
    return ()


def _groups(keys: Iterable[str]) -> list[tuple[str, list[str]]]:
    """(total, parts) within one place: the parts a published total is made of."""
    keys = list(keys)
    starting = lambda prefix, *leave_out: [k for k in keys if k.startswith(prefix) and k not in leave_out]  # noqa: E731
    return [
        ("reports.total", ["reports.online", "reports.station", "reports.safe_place"]),
        ("reports.safe_place", starting("reports.safe_place.")),
        ("recording.cancelled", starting("recording.cancelled.")),
        ("crimes.recorded", starting("crimes.", "crimes.recorded")),
        ("reviews.requested", ["reviews.national", "reviews.london", "reviews.cps"]),
        ("reviews.requested", ["reviews.upheld", "reviews.overturned"]),
    ]


@dataclasses.dataclass
class _Cell:
    value: Value
    hidden: bool = False


def _primary(cells: dict[str, _Cell], units: dict[str, str]) -> None:
    for key, cell in cells.items():
        if units[key] == Unit.COUNT:
            cell.hidden = cell.value is not None and 0 < cell.value < THRESHOLD
        else:
            bases = _base(key)
            based_on = sum(cells[base].value or 0 for base in bases if base in cells)
            cell.hidden = cell.value is not None and bool(bases) and based_on < THRESHOLD


def _secondary(groups: list[tuple[_Cell, list[_Cell]]]) -> None:
    """Until nothing changes: a group with exactly one hidden part, and its total shown, hides one more."""
    changed = True
    while changed:
        changed = False
        for total, parts in groups:
            hidden = [part for part in parts if part.hidden]
            if total.hidden or len(hidden) != 1:
                continue
            shown = sorted((part for part in parts if not part.hidden and part.value), key=lambda c: c.value or 0)
            (shown[0] if shown else total).hidden = True
            changed = True


# A force area's crimes outside its own boroughs, published at the area beside the boroughs' figures.
PLACED_APART = ("placed.no_location", "placed.outside")


def _area_parts(cells: dict[str, dict[str, _Cell]], area: str, boroughs: list[str], key: str) -> list[_Cell]:
    """What an area's figure is made of: its boroughs' figures, the crimes it shows apart (with no location, or in
    another force's borough), and whatever is left, which is published nowhere yet must not be derivable either."""
    parts = [cells[borough][key] for borough in boroughs]
    if key == "crimes.recorded":
        parts += [cells[area][apart] for apart in PLACED_APART if apart in cells[area]]
    total = cells[area][key].value
    if total is not None:
        rest = _Cell(total - sum(part.value or 0 for part in parts))
        rest.hidden = 0 < (rest.value or 0) < THRESHOLD
        parts.append(rest)
    return parts


def protect(document: PlanDocument) -> PlanDocument:
    """The document as the public may see it: small and revealing figures hidden, for this year and the last."""
    places = document.places
    units = {row.measure.key: row.measure.unit for row in places[0].rows} if places else {}
    hidden_now: dict[tuple[str, str], bool] = {}
    hidden_before: dict[tuple[str, str], bool] = {}
    for column, hidden in (("value", hidden_now), ("previous", hidden_before)):
        cells = {
            place.place.code: {row.measure.key: _Cell(getattr(row, column)) for row in place.rows} for place in places
        }
        for place_cells in cells.values():
            _primary(place_cells, units)
        groups = [
            (place_cells[total], [place_cells[part] for part in parts if part in place_cells])
            for place_cells in cells.values()
            for total, parts in _groups(place_cells)
            if total in place_cells
        ]
        area = places[0].place.code if places else ""
        boroughs = [place.place.code for place in places[1:]]
        groups += [
            (cells[area][key], _area_parts(cells, area, boroughs, key))
            for key, unit in units.items()
            if unit == Unit.COUNT and boroughs
        ]
        _secondary(groups)
        hidden.update(
            ((code, key), cell.hidden) for code, place_cells in cells.items() for key, cell in place_cells.items()
        )
    return dataclasses.replace(
        document,
        places=[
            PlaceFigures(
                place=place.place,
                rows=[
                    FigureRow(
                        row.measure,
                        row.value,
                        row.previous,
                        value_hidden=hidden_now[(place.place.code, row.measure.key)],
                        previous_hidden=hidden_before[(place.place.code, row.measure.key)],
                    )
                    for row in place.rows
                ],
            )
            for place in places
        ],
        protected=True,
    )

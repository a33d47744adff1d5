"""Disclosure control on every public figure of a plan: no count from 1 to 9, no rate on fewer than 10 records, and
no hidden figure that a total minus the other shown parts gives away (issue 23). Staff see the exact figures."""

import csv
import io
import itertools

import pytest
from django.urls import reverse

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.plans.disclosure import PLACED_APART, THRESHOLD, _base, _groups, protect
from victimsrights.plans.document import FigureRow, PlaceFigures, PlanDocument
from victimsrights.plans.figures import Measure, Place, Unit
from victimsrights.plans.tests.fixtures import known_records
from victimsrights.plans.tests.test_plans import DRAFT, write_and_publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("london")]


def public_csv(client) -> list[dict[str, str]]:
    response = client.get(reverse("plans:csv", kwargs={**DRAFT, "number": 1}))
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def assert_nothing_small_and_nothing_derivable(rows: list[dict[str, str]]) -> None:
    for column in ("value", "previous_year_value"):
        cells = {(row["place_code"], row["measure"]): row[column] for row in rows}
        units = {row["measure"]: row["unit"] for row in rows}
        for (place, key), shown in cells.items():
            if units[key] == Unit.COUNT and shown not in ("", "[c]"):
                assert not 0 < int(shown) < THRESHOLD, (place, key, shown)  # a cell of 3 never appears
            if units[key] != Unit.COUNT and shown not in ("", "[c]") and _base(key):
                based_on = sum(int(cells[(place, base)]) for base in _base(key) if cells[(place, base)] != "[c]")
                hidden_base = any(cells[(place, base)] == "[c]" for base in _base(key))
                assert hidden_base is False and based_on >= THRESHOLD, (place, key, shown)
        places = sorted({place for place, _key in cells})
        area, boroughs = "central-north", [place for place in places if place != "central-north"]
        groups = [(place, total, parts) for place in places for total, parts in _groups(units)]
        groups += [(None, key, boroughs) for key in units if units[key] == Unit.COUNT]
        for place, total, parts in groups:
            part_cells = [cells[(place, part)] if place else cells[(part, total)] for part in parts]
            if place is None and total == "crimes.recorded":
                part_cells += [cells[(area, apart)] for apart in PLACED_APART if (area, apart) in cells]
            total_cell = cells[(place or area, total)]
            hidden = [cell for cell in part_cells if cell == "[c]"]
            assert not (len(hidden) == 1 and total_cell != "[c]"), (column, place, total, part_cells, total_cell)
            if place is None and not hidden and total_cell not in ("", "[c]"):
                rest = int(total_cell) - sum(int(cell or 0) for cell in part_cells)  # in the area, in no borough
                assert not 0 < rest < THRESHOLD, (column, total, rest)


def test_the_published_csv_shows_no_small_count_and_no_derivable_one(client):
    known_records()
    write_and_publish(client, staff(Role.AREA_COMMANDER))
    rows = public_csv(client)
    assert any(row["value"] == "[c]" for row in rows)
    assert_nothing_small_and_nothing_derivable(rows)


def test_staff_see_the_exact_figures_in_the_draft(client):
    known_records()
    commander = staff(Role.AREA_COMMANDER)
    client.force_login(commander)
    draft = client.get(reverse("plans:draft", kwargs=DRAFT)).content.decode()
    assert "[c]" not in draft and 'data-measure="reports.total"' in draft


def document(values: dict[str, dict[str, int]]) -> PlanDocument:
    """A plan for one area and two boroughs, with the counts given for this year (last year the same)."""
    keys = sorted({key for place in values.values() for key in place})
    rows = {key: Measure(key, "s", key, Unit.COUNT) for key in keys}
    places = [
        PlaceFigures(
            Place("bcu" if code == "area" else "borough", code, code, "area"),
            [FigureRow(rows[key], values[code].get(key, 0), values[code].get(key, 0)) for key in keys],
        )
        for code in ("area", "camden", "islington")
    ]
    return PlanDocument(2026, "area", "Area", "", [], [], None, places, {})  # type: ignore[arg-type]


def test_one_small_borough_hides_the_other_too_so_the_area_total_keeps_its_secret():
    protected = protect(document({"area": {"complaints.received": 12}, "camden": {"complaints.received": 9},
                                  "islington": {"complaints.received": 3}}))  # fmt: skip
    shown = {place.place.code: place.row("complaints.received").value_text for place in protected.places}
    assert shown == {"area": "12", "camden": "[c]", "islington": "[c]"}

    protected = protect(document({"area": {"complaints.received": 40}, "camden": {"complaints.received": 37},
                                  "islington": {"complaints.received": 3}}))  # fmt: skip
    shown = {place.place.code: place.row("complaints.received").value_text for place in protected.places}
    assert shown == {"area": "40", "camden": "[c]", "islington": "[c]"}  # 37 hidden: 40 - 37 would give 3 away


def test_a_hidden_way_in_hides_the_next_smallest_and_a_lone_part_hides_its_total():
    counts = {"reports.total": 60, "reports.online": 45, "reports.station": 12, "reports.safe_place": 3}
    protected = protect(document({"area": counts, "camden": counts, "islington": counts}))
    area = {row.measure.key: row.value_text for row in protected.places[0].rows}
    assert area["reports.safe_place"] == "[c]" and area["reports.station"] == "[c]"
    assert area["reports.online"] == "45" and area["reports.total"] == "60"


@pytest.mark.parametrize(("a", "b"), list(itertools.product([0, 1, 4, 9, 10, 25], repeat=2)))
def test_no_split_of_an_areas_total_between_its_boroughs_gives_a_small_count_away(a, b):
    protected = protect(document({"area": {"x": a + b}, "camden": {"x": a}, "islington": {"x": b}}))
    cells = [place.row("x") for place in protected.places]
    for cell in cells:
        assert cell.value_hidden or not 0 < (cell.value or 0) < THRESHOLD
    hidden = [cell for cell in cells[1:] if cell.value_hidden]
    assert len(hidden) != 1 or cells[0].value_hidden


def test_the_open_data_package_validates_and_says_where_its_figures_come_from(client, tmp_path):
    """datapackage.json, figures.csv and figures.json at the stable address, validated by the Frictionless library."""
    import json

    from frictionless import validate

    from victimsrights.plans.document import CSV_COLUMNS
    from victimsrights.plans.open_data import FIELDS

    assert list(FIELDS) == CSV_COLUMNS  # the schema describes every column, in order
    known_records()
    write_and_publish(client, staff(Role.AREA_COMMANDER))
    for name, url in (("datapackage.json", "plans:data-package"), ("figures.csv", "plans:data-csv"),
                      ("figures.json", "plans:data-json")):  # fmt: skip
        response = client.get(reverse(url, kwargs=DRAFT))
        assert response.status_code == 200, name
        (tmp_path / name).write_bytes(response.content)

    report = validate(str(tmp_path / "datapackage.json"))

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((tmp_path / "datapackage.json").read_text())
    assert package["licenses"][0]["name"] == "OGL-UK-3.0"
    assert any("London Datastore" in source["title"] for source in package["sources"])
    units = {field["name"]: field for field in package["resources"][0]["schema"]["fields"]}["unit"]
    assert units["constraints"]["enum"] == ["count", "percent", "hours", "days"]
    csv_rows = list(csv.DictReader(io.StringIO((tmp_path / "figures.csv").read_text())))
    assert_nothing_small_and_nothing_derivable(csv_rows)
    json_rows = json.loads((tmp_path / "figures.json").read_text())
    assert [(row["measure"], str(row["value"] if row["value"] is not None else "")) for row in json_rows] == [
        (row["measure"], row["value"]) for row in csv_rows
    ]  # the same figures, withheld alike


def _luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_chart_bars_stand_out_from_the_page_and_each_chart_links_to_its_numbers(client):
    from victimsrights.plans import charts

    for colour in (charts.THIS_YEAR_COLOUR, charts.LAST_YEAR_COLOUR, charts.TEXT_COLOUR):
        assert _contrast(colour, charts.BACKGROUND) >= 3, colour  # WCAG 2.2, 1.4.11 non-text contrast

    known_records()
    write_and_publish(client, staff(Role.AREA_COMMANDER))
    client.force_login(staff(Role.AREA_COMMANDER, username="commander.links"))
    draft = client.get(reverse("plans:draft", kwargs=DRAFT)).content.decode()
    assert 'href="#figures-table-1">The numbers are in the table below</a>' in draft
    assert 'id="figures-table-1"' in draft
    assert charts.LAST_YEAR_COLOUR in draft and charts.THIS_YEAR_COLOUR in draft  # the bars drawn in them


@pytest.mark.parametrize(("a", "rest"), list(itertools.product([0, 4, 12, 30], [0, 3, 9, 15])))
def test_an_area_figure_beyond_its_boroughs_never_gives_a_small_remainder_away(a, rest):
    """A force's crimes with no location or next door count in its area's figure and in no borough's: the area total
    minus its boroughs must not reveal a small number of them."""
    protected = protect(document({"area": {"x": a + 20 + rest}, "camden": {"x": a}, "islington": {"x": 20}}))
    area, *boroughs = [place.row("x") for place in protected.places]
    for cell in (area, *boroughs):
        assert cell.value_hidden or not 0 < (cell.value or 0) < THRESHOLD
    hidden = [cell for cell in boroughs if cell.value_hidden]
    unknowns = len(hidden) + (1 if rest else 0)  # the remainder is published nowhere
    if unknowns == 1 and not area.value_hidden:  # area minus the shown boroughs gives the one unknown away
        assert not hidden and rest >= THRESHOLD


def test_crimes_shown_apart_are_parts_of_the_areas_crimes_so_one_hidden_hides_another():
    counts = {"crimes.recorded": 60, "placed.no_location": 4, "placed.outside": 12}
    protected = protect(
        document({"area": counts, "camden": {"crimes.recorded": 30}, "islington": {"crimes.recorded": 14}})
    )
    area = {row.measure.key: row.value_text for row in protected.places[0].rows}
    assert area["placed.no_location"] == "[c]"
    assert "[c]" in (area["placed.outside"], area["crimes.recorded"])  # else 60 - 30 - 14 - 12 gives the 4 away

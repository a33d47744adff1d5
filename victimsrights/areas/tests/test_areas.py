import json

import pytest

from victimsrights.areas.models import Area, Borough, Force
from victimsrights.areas.services import LONDON_FIXTURE, areas_load, areas_load_file

pytestmark = pytest.mark.django_db

MISSION_BCUS = {
    "Central East": {"Hackney", "Tower Hamlets"},
    "Central North": {"Camden", "Islington"},
    "Central South": {"Lambeth", "Southwark"},
    "Central West": {"Westminster", "Kensington and Chelsea", "Hammersmith and Fulham"},
    "East": {"Barking and Dagenham", "Havering", "Redbridge"},
    "North": {"Enfield", "Haringey"},
    "North East": {"Newham", "Waltham Forest"},
    "North West": {"Barnet", "Brent", "Harrow"},
    "South": {"Bromley", "Croydon", "Sutton"},
    "South East": {"Bexley", "Greenwich", "Lewisham"},
    "South West": {"Kingston upon Thames", "Merton", "Richmond upon Thames", "Wandsworth"},
    "West": {"Ealing", "Hillingdon", "Hounslow"},
}


def test_the_met_has_its_12_bcus_and_32_boroughs_and_the_city_is_its_own_force():
    areas_load_file()

    met = Force.objects.get(code="met")
    loaded = {area.name: {b.name for b in area.boroughs.all()} for area in Area.objects.filter(force=met)}
    assert loaded == MISSION_BCUS
    assert Borough.objects.filter(area__force=met).count() == 32
    city = Borough.objects.get(name="City of London")
    assert city.area.force.name == "City of London Police"


def test_every_borough_resolves_to_its_bcu():
    areas_load_file()

    for bcu, boroughs in MISSION_BCUS.items():
        for name in boroughs:
            assert Borough.objects.get(name=name).area.name == bcu


def test_loading_again_changes_nothing_and_another_force_loads_its_own_areas():
    areas_load_file()
    areas_load_file()
    assert Borough.objects.count() == 33

    data = json.loads(LONDON_FIXTURE.read_text())
    kent = {
        "code": "kent",
        "name": "Kent Police",
        "crime_number_prefix": "KEN",
        "areas": [{"code": "kent-west", "name": "West Kent", "boroughs": [["E07000111", "Sevenoaks"]]}],
    }
    areas_load(data={"forces": [*data["forces"], kent]})

    assert Borough.objects.get(name="Sevenoaks").area.force.code == "kent"

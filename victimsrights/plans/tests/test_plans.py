"""Drafting, commenting on, publishing and correcting a Victims' Plan; the PDF, the CSV and build_plans."""

import csv
import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.audit.models import AuditEntry
from victimsrights.plans import services
from victimsrights.plans.document import CSV_COLUMNS, PlanDocument
from victimsrights.plans.models import Plan, PlanVersion
from victimsrights.plans.tests.fixtures import NOW, known_records
from victimsrights.reporting.tests.factories import submitted_report

pytestmark = [pytest.mark.usefixtures("london"), pytest.mark.django_db]

DRAFT = {"area_code": "central-north", "year": 2026}
COMMITMENT = {
    "commitment": "Decide every report within 24 hours, weekends included.",
    "measure": "Reports decided within 24 hours",
    "target": "95%",
}


@pytest.fixture
def commander():
    return staff(Role.AREA_COMMANDER)


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield


def write_and_publish(client, commander):
    client.force_login(commander)
    client.post(reverse("plans:narrative", kwargs=DRAFT), {"narrative": "A hard year for victims of burglary."})
    client.post(reverse("plans:commitment", kwargs=DRAFT), COMMITMENT)
    return client.post(reverse("plans:publish", kwargs=DRAFT), {})


def test_the_commander_writes_and_publishes_and_anyone_reads_it(client, commander, now):
    known_records()
    response = write_and_publish(client, commander)
    assert response.status_code == 302
    version = PlanVersion.objects.get()
    assert version.number == 1
    assert {entry.action for entry in AuditEntry.objects.all()} >= {
        "plan.narrative",
        "plan.commitment.add",
        "plan.publish",
    }

    client.logout()
    page = client.get(reverse("plans:plan", kwargs=DRAFT)).content.decode()
    assert "Central North Victims' Plan 2026" in page
    assert "A hard year for victims of burglary." in page
    assert COMMITMENT["commitment"] in page and "95%" in page
    assert '<tr class="govuk-table__row" data-measure="reports.total">' in page
    assert 'data-testid="disclosure-rule"' in page  # six reports: small counts are "[c]" to the public
    client.force_login(commander)
    draft = client.get(reverse("plans:draft", kwargs=DRAFT)).content.decode()
    assert 'role="img"' in draft  # the charts carry their text alternative (staff see the exact figures)
    client.logout()
    index = client.get(reverse("plans:index")).content.decode()
    assert reverse("plans:plan", kwargs=DRAFT) in index
    borough = client.get(reverse("plans:borough", kwargs={**DRAFT, "ons_code": "E09000007"})).content.decode()
    assert "Camden: figures from the Central North Victims' Plan 2026" in borough
    assert client.get(reverse("plans:borough", kwargs={**DRAFT, "ons_code": "E09000008"})).status_code == 404


def test_publishing_needs_an_account_and_a_commitment_and_says_so_on_the_page(client, commander, now):
    client.force_login(commander)
    page = client.post(reverse("plans:publish", kwargs=DRAFT), {}).content.decode()
    assert "govuk-error-summary" in page and "Write the account of the year before publishing." in page
    client.post(reverse("plans:narrative", kwargs=DRAFT), {"narrative": "The year."})
    page = client.post(reverse("plans:publish", kwargs=DRAFT), {}).content.decode()
    assert "Add at least one commitment for next year before publishing." in page
    page = client.post(reverse("plans:commitment", kwargs=DRAFT), {"commitment": "", "measure": "", "target": ""})
    assert "Say what you will do next year" in page.content.decode()
    assert not PlanVersion.objects.exists()


def test_published_figures_are_frozen_and_a_correction_is_a_new_version(client, commander, now):
    known_records()
    write_and_publish(client, commander)
    first = PlanDocument.from_snapshot(PlanVersion.objects.get().snapshot)
    assert first.area.row("reports.total").value == 6

    submitted_report(borough="Camden", seed=20)  # a report comes in after publication
    page = client.post(reverse("plans:publish", kwargs=DRAFT), {"correction_note": ""}).content.decode()
    assert "Say what this correction changes." in page
    client.post(reverse("plans:publish", kwargs=DRAFT), {"correction_note": "A late report from Camden."})

    first_again, second = (PlanDocument.from_snapshot(v.snapshot) for v in PlanVersion.objects.order_by("number"))
    assert first_again.area.row("reports.total").value == 6
    assert second.area.row("reports.total").value == 7
    client.logout()
    latest = client.get(reverse("plans:plan", kwargs=DRAFT)).content.decode()
    assert "Version 2" in latest and "A late report from Camden." in latest
    old = client.get(reverse("plans:version", kwargs={**DRAFT, "number": 1})).content.decode()
    assert "Version 1" in old


def test_the_commissioner_comments_before_publication_and_the_comment_is_published(client, commander, now):
    commissioner = staff(Role.VICTIMS_COMMISSIONER)
    client.force_login(commissioner)
    assert client.get(reverse("plans:draft", kwargs=DRAFT)).status_code == 200
    client.post(reverse("plans:comment", kwargs=DRAFT), {"text": "Too many reports wait over 24 hours."})
    assert client.post(reverse("plans:narrative", kwargs=DRAFT), {"narrative": "Mine now"}).status_code == 403
    write_and_publish(client, commander)
    client.logout()
    page = client.get(reverse("plans:plan", kwargs=DRAFT)).content.decode()
    assert "The Victims Commissioner's comments" in page
    assert "Too many reports wait over 24 hours." in page
    assert Plan.objects.get().narrative != "Mine now"


def test_a_commander_cannot_see_or_change_another_areas_plan(client, now):
    other = staff(Role.AREA_COMMANDER, area="south")
    client.force_login(other)
    assert client.get(reverse("plans:draft", kwargs=DRAFT)).status_code == 404
    assert client.post(reverse("plans:narrative", kwargs=DRAFT), {"narrative": "x"}).status_code == 404
    with pytest.raises(services.PlanRefused):
        plan = services.plan_get_or_start(area=other.area.__class__.objects.get(code="central-north"), year=2026)
        services.narrative_save(plan_id=plan.pk, narrative="x", actor=other)
    assert client.get(reverse("plans:draft", kwargs={**DRAFT, "year": 2031})).status_code == 404
    assert client.get(reverse("plans:plan", kwargs=DRAFT)).status_code == 404  # nothing published


def test_the_pdf_says_what_the_web_page_says(client, commander, now):
    known_records()
    write_and_publish(client, commander)
    response = client.get(reverse("plans:pdf", kwargs={**DRAFT, "number": 1}))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Central North Victims' Plan 2026" in text
    assert "A hard year for victims of burglary." in text
    assert "Decide every report within 24 hours" in text
    assert "Reports decided within 24 hours [c]" in text  # based on 5 reports: withheld, as on the web page
    assert "Camden" in text and "Islington" in text  # the borough table


def test_the_csv_holds_every_figure_and_reads_back_to_the_same_numbers(client, commander, now):
    known_records()
    write_and_publish(client, commander)
    response = client.get(reverse("plans:csv", kwargs={**DRAFT, "number": 1}))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    snapshot = PlanVersion.objects.get().snapshot
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(snapshot["places"]) * len(snapshot["measures"])  # Central North, Camden, Islington
    for row in rows:  # each figure as frozen, or withheld by disclosure control
        place = next(p for p in snapshot["places"] if p["code"] == row["place_code"])
        value, previous = place["figures"][row["measure"]]
        assert row["value"] in ("[c]", "" if value is None else str(value)), row
        assert row["previous_year_value"] in ("[c]", "" if previous is None else str(previous)), row
    total = next(r for r in rows if r["place_code"] == "central-north" and r["measure"] == "reports.total")
    assert (total["value"], total["previous_year_value"], total["change"]) == ("[c]", "[c]", "")  # 6 and 1


def test_build_plans_writes_every_area_and_borough(tmp_path, now, capsys):
    known_records()
    call_command("build_plans", "--year", "2026", "--area", "central-north", "--out", str(tmp_path))
    folder = tmp_path / "2026" / "central-north"
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        f"{stem}.{ext}" for stem in ("plan", "E09000007", "E09000019") for ext in ("html", "pdf", "csv")
    )
    camden = list(csv.DictReader((folder / "E09000007.csv").open()))
    assert {row["place_code"] for row in camden} == {"E09000007"}
    assert next(r for r in camden if r["measure"] == "reports.total")["value"] == "[c]"  # 3 reports: withheld
    output = capsys.readouterr()
    assert "Built 1 area plans and 2 borough pages for 2026" in output.out
    with pytest.raises(Exception, match="No area with the code: nowhere"):
        call_command("build_plans", "--area", "nowhere", "--out", str(tmp_path))


def test_the_commissioners_dashboard_ranks_the_areas(client, now):
    known_records()
    commissioner = staff(Role.VICTIMS_COMMISSIONER)
    client.force_login(commissioner)
    page = client.get(reverse("oversight:dashboard"), {"year": "2026"}).content.decode()
    assert "have not been counted yet" in page
    client.post(reverse("oversight:dashboard-count"), {"year": "2026"})
    page = client.get(reverse("oversight:dashboard"), {"year": "2026", "rank_by": "recording.past_24h"}).content
    ranked = [line for line in page.decode().splitlines() if "data-area=" in line]
    assert 'data-area="central-north"' in ranked[0]  # 3 breaches; South has none
    page = client.get(reverse("oversight:dashboard"), {"year": "2026", "rank_by": "recording.within_24h_percent"})
    ranked = [line for line in page.content.decode().splitlines() if "data-area=" in line]
    assert 'data-area="central-north"' in ranked[0]  # 40% is the lowest; areas with no reports come last
    assert 'data-area="south"' in ranked[1]  # 100%
    bad = client.get(reverse("oversight:dashboard"), {"year": "1999", "rank_by": "nonsense"})
    assert bad.status_code == 200 and "Choose a year from the list" in bad.content.decode()


def test_the_figures_job_counts_this_year(now):
    known_records()
    stored = services.year_figures_count(year=2026)
    assert stored.figures["bcu:central-north"]["reports.total"] == [6, 1]
    assert stored.counted_at == datetime.datetime(2026, 11, 24, 12, 0, tzinfo=datetime.UTC)


def test_an_area_whose_reports_are_inside_their_24_hours_is_not_ranked_and_equal_areas_share_a_rank():
    from victimsrights.plans.models import YearFigures
    from victimsrights.plans.selectors import RANKINGS, areas_ranked

    by_percent = RANKINGS[0]
    assert by_percent.key == "recording.within_24h_percent"
    submitted_report(borough="Camden")  # just received: its 24 hours have not run
    stored = services.year_figures_count(year=datetime.date.today().year)
    camden_area = next(
        row for row in areas_ranked(stored=stored, ranking=by_percent) if row.area.code == "central-north"
    )
    assert camden_area.rows_by_key[by_percent.key].value is None and camden_area.rank is None

    figures = {f"bcu:{code}": {by_percent.key: [value, None]} for code, value in (("south", 50.0), ("east", 50.0))}
    figures["bcu:west"] = {by_percent.key: [90.0, None]}
    tied = YearFigures(year=2020, counted_at=stored.counted_at, figures=figures)
    ranks = {row.area.code: row.rank for row in areas_ranked(stored=tied, ranking=by_percent) if row.rank}
    assert ranks == {"south": 1, "east": 1, "west": 3}

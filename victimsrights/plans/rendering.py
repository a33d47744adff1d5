"""One template, three outputs: the plan as a web page, as a PDF (WeasyPrint), and as open data (CSV)."""

from typing import Any

from django.template.loader import render_to_string

from victimsrights.plans.charts import place_charts
from victimsrights.plans.document import PlaceFigures, PlanDocument

BOROUGH_SUMMARY = [
    "reports.total",
    "recording.within_24h_percent",
    "duties.on_time_percent",
    "reviews.requested",
    "complaints.received",
]


def document_context(document: PlanDocument, place: PlaceFigures | None = None) -> dict[str, Any]:
    """What `plans/_document.html` needs to show one place's plan: the area's, or one borough's."""
    place = place or document.area
    charts = place_charts(place, document.year)
    return {
        "document": document,
        "place": place,
        "is_borough": place.place.kind == "borough",
        "sections": [(section, charts.get(section.title)) for section in place.sections],
        "summary_labels": [document.area.row(key).measure.label for key in BOROUGH_SUMMARY],
        "borough_rows": [(borough, [borough.row(key) for key in BOROUGH_SUMMARY]) for borough in document.boroughs],
        "published_crime": document.published_crime.get(place.place.code),
    }


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"A plan's PDF loads nothing from outside itself ({url[:40]})")


def pdf_bytes(document: PlanDocument, place: PlaceFigures | None = None, version: Any = None) -> bytes:
    from weasyprint import HTML

    html = render_to_string("plans/plan_pdf.html", {**document_context(document, place), "version": version})
    pdf: bytes = HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
    return pdf

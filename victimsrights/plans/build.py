"""Build every area's and borough's plan for a year as files: standalone HTML, PDF and CSV."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

from victimsrights.areas.models import Area
from victimsrights.plans.disclosure import protect
from victimsrights.plans.document import PlanDocument, csv_text, figures_with_change, snapshot_build
from victimsrights.plans.models import Plan, YearFigures
from victimsrights.plans.rendering import document_context, pdf_bytes

FORMATS = ("html", "pdf", "csv")


@dataclass
class BuildResult:
    areas: int = 0
    boroughs: int = 0
    files: list[Path] = field(default_factory=list)
    seconds_counting: float = 0.0
    seconds_writing: float = 0.0


def plans_build(
    *,
    year: int,
    out: Path,
    area_codes: Iterable[str] | None = None,
    formats: Iterable[str] = FORMATS,
    progress: Callable[[Iterable[PlanDocument], int], Iterable[PlanDocument]] = lambda docs, total: docs,
) -> BuildResult:
    """Count once for every place, then write each area's plan and each borough's page of it."""
    result = BuildResult()
    started = timezone.now()
    areas = Area.objects.order_by("name")
    if area_codes is not None:
        areas = areas.filter(code__in=list(area_codes))
    codes = [area.code for area in areas]
    figures = figures_with_change(year, area_codes=codes if area_codes is not None else None, now=started)
    if area_codes is None:
        YearFigures.objects.update_or_create(
            year=year,
            defaults={"counted_at": started, "figures": {f"{k}:{c}": v for (k, c), v in figures.items()}},
        )
    plans = {plan.area_id: plan for plan in Plan.objects.filter(year=year, area__in=areas)}
    documents = [  # files for anyone to read: disclosure control applies
        protect(
            PlanDocument.from_snapshot(
                snapshot_build(plans.get(area.pk) or Plan(area=area, year=year), now=started, figures=figures)
            )
        )
        for area in areas
    ]
    counted = timezone.now()
    result.seconds_counting = (counted - started).total_seconds()
    formats = set(formats)
    for document in progress(documents, len(documents)):
        folder = out / str(year) / document.area_code
        folder.mkdir(parents=True, exist_ok=True)
        result.areas += 1
        for place in document.places:
            result.boroughs += place.place.kind == "borough"
            stem = folder / ("plan" if place is document.area else place.place.code)
            if "html" in formats:
                html = render_to_string("plans/plan_pdf.html", document_context(document, place))
                result.files.append(_write(stem.with_suffix(".html"), html.encode()))
            if "pdf" in formats:
                result.files.append(_write(stem.with_suffix(".pdf"), pdf_bytes(document, place)))
            if "csv" in formats:
                text = csv_text(document, places=[place])
                result.files.append(_write(stem.with_suffix(".csv"), text.encode()))
    result.seconds_writing = (timezone.now() - counted).total_seconds()
    return result


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def default_year(today: datetime.date | None = None) -> int:
    return (today or timezone.localdate()).year

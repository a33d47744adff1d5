"""Bar charts as SVG (matplotlib), each with a text alternative; the numbers are always in a table too."""

import io
import re
import textwrap
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from victimsrights.plans.document import FigureRow, PlaceFigures

# Bars are graphical objects: each needs 3:1 contrast with the white page (WCAG 2.2, 1.4.11). GOV.UK blue is 5.2:1
# and GOV.UK dark grey 7:1 (GOV.UK mid grey, #b1b4b6, was 2.1:1). The two also differ in lightness, for greyscale.
THIS_YEAR_COLOUR = "#1d70b8"  # GOV.UK blue
LAST_YEAR_COLOUR = "#505a5f"  # GOV.UK dark grey
BACKGROUND = "#ffffff"
TEXT_COLOUR = "#0b0c0c"
CHART_FONT_SIZE = 13
LABEL_WRAP = 20  # characters a line of a bar's label


@dataclass(frozen=True)
class Chart:
    id: str
    section: str
    title: str
    summary: str
    svg: SafeString


def _svg(
    chart_id: str,
    title: str,
    summary: str,
    labels: list[str],
    values: list[float],
    previous: list[float],
    year: int,
    unit: str,
) -> SafeString:
    from matplotlib import rcParams
    from matplotlib.figure import Figure

    rcParams["svg.fonttype"] = "none"  # text stays text: searchable, and extractable from the PDF
    rcParams["svg.hashsalt"] = chart_id  # the same figures give the same SVG
    rcParams["font.family"] = "DejaVu Sans"
    rcParams["font.size"] = CHART_FONT_SIZE
    labels = [textwrap.fill(label, LABEL_WRAP) for label in labels]
    height = 1.2 + 0.62 * sum(label.count("\n") + 1 for label in labels)
    # Drawn about as wide as a phone (4.6in at 72dpi is 331px), so the text stays readable at 320px and the
    # chart is never shrunk below its drawn size on a phone; wider screens show it at most 560px wide.
    figure = Figure(figsize=(4.6, height), dpi=72)
    axes = figure.add_subplot()
    positions = list(range(len(labels)))
    bar = 0.38
    axes.barh([p + bar / 2 for p in positions], previous, height=bar, color=LAST_YEAR_COLOUR, label=str(year - 1))
    axes.barh([p - bar / 2 for p in positions], values, height=bar, color=THIS_YEAR_COLOUR, label=str(year))
    axes.set_yticks(positions, labels=labels, color=TEXT_COLOUR)
    axes.invert_yaxis()
    axes.set_xlabel(unit, color=TEXT_COLOUR)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, frameon=False)
    figure.tight_layout()
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    svg = _unique_ids(out.getvalue(), chart_id)
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'<svg[^>]*?(viewBox="[^"]+")[^>]*>', "", svg, count=1)
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="{_view_box(out.getvalue())}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'class="plan-chart" width="100%">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(summary)}</desc>'
    )
    return mark_safe(opening + svg)  # noqa: S308 - matplotlib's own markup, labels escaped by matplotlib


def _unique_ids(svg: str, prefix: str) -> str:
    """matplotlib numbers its elements from 1 in every chart; a page with several needs each id once."""
    ids = set(re.findall(r'\sid="([^"]+)"', svg))
    svg = re.sub(r'(\sid=")([^"]+)"', lambda m: f'{m.group(1)}{prefix}-{m.group(2)}"', svg)
    return re.sub(r"#([\w.-]+)", lambda m: f"#{prefix}-{m.group(1)}" if m.group(1) in ids else m.group(0), svg)


def _view_box(svg: str) -> str:
    match = re.search(r'viewBox="([^"]+)"', svg)
    return match.group(1) if match else "0 0 540 300"


def _summary(rows: list[FigureRow], year: int) -> str:
    parts = [f"{row.measure.label}: {row.value_text} in {year}, {row.previous_text} in {year - 1}" for row in rows]
    return "; ".join(parts) + ". The same figures are in the table below."


def _chart(year: int, chart_id: str, title: str, rows: list[FigureRow], unit: str) -> Chart | None:
    rows = [row for row in rows if (row.value or row.previous) and not row.hidden]  # "[c]" is never drawn
    if not rows:
        return None
    return Chart(
        id=chart_id,
        section=rows[0].measure.section,
        title=title,
        summary=_summary(rows, year),
        svg=_svg(
            chart_id,
            title,
            _summary(rows, year),
            [_short(row.measure.label) for row in rows],
            [row.value or 0 for row in rows],
            [row.previous or 0 for row in rows],
            year,
            unit,
        ),
    )


def _short(label: str, limit: int = 42) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def place_charts(place: PlaceFigures, year: int) -> dict[str, Chart]:
    """The charts for one place, by section: reports by channel, outcomes, and duties met on time."""
    prefix = f"chart-{place.place.code}"
    candidates = [
        _chart(
            year,
            f"{prefix}-channels",
            f"How reports reached the police, {year} and {year - 1}",
            [place.row(f"reports.{channel}") for channel in ("online", "station", "safe_place")],
            "Reports",
        ),
        _chart(
            year,
            f"{prefix}-outcomes",
            f"Outcomes recorded, {year} and {year - 1}",
            place.rows_starting("outcomes."),
            "Cases",
        ),
        _chart(
            year,
            f"{prefix}-duties",
            f"Victims' Code duties met on time, {year} and {year - 1}",
            [
                row
                for row in place.rows_starting("duties.")
                if row.measure.key.count(".") == 2 and row.measure.unit == "percent"
            ],
            "Per cent met on time",
        ),
    ]
    return {chart.section: chart for chart in candidates if chart}

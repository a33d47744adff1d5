from dataclasses import dataclass

from django.db.models import Max, OuterRef, QuerySet, Subquery

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.areas.models import Area
from victimsrights.plans.document import FigureRow
from victimsrights.plans.figures import PlaceKey, Value, measures
from victimsrights.plans.models import Plan, PlanVersion, YearFigures


def published_versions() -> QuerySet[PlanVersion]:
    """The latest version of every published plan."""
    latest = PlanVersion.objects.filter(plan=OuterRef("plan")).order_by("-number").values("number")[:1]
    return (
        PlanVersion.objects.filter(number=Subquery(latest))
        .select_related("plan__area")
        .order_by("-plan__year", "plan__area__name")
    )


def published_version(*, area_code: str, year: int, number: int | None = None) -> PlanVersion | None:
    versions = PlanVersion.objects.filter(plan__area__code=area_code, plan__year=year).select_related("plan__area")
    if number is not None:
        return versions.filter(number=number).first()
    return versions.order_by("-number").first()


def versions_of(plan: Plan) -> QuerySet[PlanVersion]:
    return plan.versions.order_by("-number").defer("snapshot")


def plan_areas(*, user: StaffUser) -> QuerySet[Area]:
    """Areas whose plans the user may open: the commander's own, every area for the commissioner."""
    if user.role == Role.VICTIMS_COMMISSIONER:
        return Area.objects.order_by("name")
    if user.role == Role.AREA_COMMANDER and user.area_id:
        return Area.objects.filter(pk=user.area_id)
    return Area.objects.none()


def plans_started(*, areas: QuerySet[Area]) -> dict[tuple[int, int], Plan]:
    plans = Plan.objects.filter(area__in=areas).annotate(last_version=Max("versions__number"))
    return {(plan.area_id, plan.year): plan for plan in plans}


@dataclass(frozen=True)
class Ranking:
    key: str
    label: str
    highest_first: bool


RANKINGS = [
    Ranking("recording.within_24h_percent", "Fewest reports decided within 24 hours first", highest_first=False),
    Ranking("recording.past_24h", "Most breaches of the 24-hour recording clock first", highest_first=True),
    Ranking("duties.on_time_percent", "Fewest Victims' Code duties met on time first", highest_first=False),
    Ranking("duties.breached", "Most Victims' Code duties met late or overdue first", highest_first=True),
    Ranking("reviews.overturned", "Most decisions overturned on review first", highest_first=True),
    Ranking("complaints.escalated", "Most complaints escalated to the commissioner first", highest_first=True),
    Ranking("reports.total", "Most reports first", highest_first=True),
]
DASHBOARD_COLUMNS = [
    "reports.total",
    "recording.within_24h_percent",
    "recording.past_24h",
    "duties.on_time_percent",
    "duties.breached",
    "reviews.overturned",
    "complaints.escalated",
]


@dataclass(frozen=True)
class AreaRow:
    rank: int | None  # None: no figure to rank by (for example, no report has reached its 24 hours yet)
    area: Area
    rows: list[FigureRow]
    rows_by_key: dict[str, FigureRow]


def areas_ranked(*, stored: YearFigures, ranking: Ranking) -> list[AreaRow]:
    """Every area's headline figures from the stored count, ranked; areas with no figure for it come last."""
    by_key = {measure.key: measure for measure in measures()}
    areas = []
    for area in Area.objects.order_by("name"):
        figures = stored.figures.get(f"bcu:{area.code}", {})
        areas.append((area, {key: FigureRow(by_key[key], *figures.get(key, [None, None])) for key in by_key}))

    def order(item: tuple[Area, dict[str, FigureRow]]) -> tuple[bool, float]:
        value = item[1][ranking.key].value
        return (value is None, -(value or 0) if ranking.highest_first else (value or 0))

    areas.sort(key=order)
    ranked: list[AreaRow] = []
    for position, (area, rows) in enumerate(areas, start=1):
        value = rows[ranking.key].value
        tied = bool(ranked) and value == ranked[-1].rows_by_key[ranking.key].value
        rank = None if value is None else ranked[-1].rank if tied else position  # equal figures share a rank
        ranked.append(AreaRow(rank=rank, area=area, rows=[rows[key] for key in DASHBOARD_COLUMNS], rows_by_key=rows))
    return ranked


def year_figures(*, year: int) -> YearFigures | None:
    return YearFigures.objects.filter(year=year).first()


def stored_figures(stored: YearFigures) -> dict[PlaceKey, dict[str, list[Value]]]:
    """The stored count in the shape `figures_with_change` returns."""
    return {(key.split(":", 1)[0], key.split(":", 1)[1]): values for key, values in stored.figures.items()}

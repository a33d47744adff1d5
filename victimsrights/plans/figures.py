"""The figures of the Annual Area Victims' Plan, counted from the service's own records.

Every figure is counted for each BCU and for each borough, by the place of the report it comes
from, and for a London calendar year. Each kind of record is read with one GROUP BY over every
place at once, so the number of queries does not grow with the number of areas.
"""

import datetime
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import connection
from django.db.models import Count, DurationField, ExpressionWrapper, F, FloatField, Func, Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from victimsrights.areas.models import Area, Borough, SafePlaceKind
from victimsrights.cases.models import PUBLISHED_OUTCOME_CATEGORIES, Case, Message, OutcomeType
from victimsrights.complaints.models import Complaint
from victimsrights.compliance.models import CaseDuty, Duty
from victimsrights.compliance.selectors import duty_tallies
from victimsrights.compliance.working_days import LONDON
from victimsrights.feedback.models import Agreement, FeedbackResponse
from victimsrights.notify.models import Delivery, DeliveryStatus
from victimsrights.recording.models import (
    Appeal,
    AppealStatus,
    CancellationGround,
    Crime,
    OffenceClassification,
    Refusal,
)
from victimsrights.reporting.models import Channel, Report
from victimsrights.reviews.models import Footing, ReviewRequest, ReviewStatus

RECORDING_CLOCK = datetime.timedelta(hours=24)
HOUR = 3600
DAY = 86400

Value = int | float | None
FEEDBACK_QUESTIONS = ("kept_informed", "treated_fairly", "easy_to_use")
PlaceKey = tuple[str, str]  # ("bcu", area code) or ("borough", ONS code)


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    HOURS = "hours"
    DAYS = "days"


class Section(StrEnum):
    REPORTS = "Reports received"
    RECORDING = "Recording decisions"
    CRIMES = "Crimes recorded"
    REVIEWS = "Right to Review"
    DUTIES = "Victims' Code duties met on time"
    OUTCOMES = "Outcomes of investigations"
    MESSAGES = "Messages from victims"
    COMPLAINTS = "Complaints"
    ALERTS = "Alerts sent to victims"
    FEEDBACK = "What victims told us"


@dataclass(frozen=True)
class Measure:
    key: str
    section: str
    label: str
    unit: str


@dataclass(frozen=True)
class Place:
    kind: str  # "bcu" or "borough"
    code: str
    name: str
    area_code: str

    @property
    def key(self) -> PlaceKey:
        return (self.kind, self.code)


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The year as London sees it: from midnight on 1 January to midnight on the next 1 January."""
    return (
        datetime.datetime(year, 1, 1, tzinfo=LONDON),
        datetime.datetime(year + 1, 1, 1, tzinfo=LONDON),
    )


def measures() -> list[Measure]:
    """Every figure a plan shows, in the order it shows them."""
    count, percent = Unit.COUNT, Unit.PERCENT
    rows = [
        Measure("reports.total", Section.REPORTS, "Reports received", count),
        Measure("reports.online", Section.REPORTS, "Reported online", count),
        Measure("reports.station", Section.REPORTS, "Reported at a police station", count),
        Measure("reports.safe_place", Section.REPORTS, "Reported through a safe place", count),
    ]
    rows += [
        Measure(f"reports.safe_place.{kind.value}", Section.REPORTS, f"Through a {kind.label}", count)
        for kind in SafePlaceKind
    ]
    rows += [
        Measure("recording.decided", Section.RECORDING, "Reports with a recording decision", count),
        Measure("recording.within_24h", Section.RECORDING, "Decided within 24 hours", count),
        Measure(
            "recording.past_24h", Section.RECORDING, "Decided after 24 hours, or waiting more than 24 hours", count
        ),
        Measure("recording.within_24h_percent", Section.RECORDING, "Reports decided within 24 hours", percent),
        Measure("recording.median_hours", Section.RECORDING, "Median time to decide", Unit.HOURS),
        Measure("recording.p90_hours", Section.RECORDING, "90th percentile time to decide", Unit.HOURS),
        Measure("recording.refusals", Section.RECORDING, "Refusals to record", count),
        Measure("recording.appeals", Section.RECORDING, "Appeals against a refusal", count),
        Measure(
            "recording.appeals_overturned", Section.RECORDING, "Appeals that led to the crime being recorded", count
        ),
        Measure("recording.cancelled", Section.RECORDING, "Crime records cancelled", count),
        *(
            Measure(f"recording.cancelled.{ground.value}", Section.RECORDING, f"Cancelled: {ground.label}", count)
            for ground in CancellationGround
        ),
        Measure(
            "recording.n100", Section.RECORDING, "Reports of rape kept as N100 records, not recorded as rape", count
        ),
        Measure("crimes.recorded", Section.CRIMES, "Crimes recorded and not cancelled", count),
    ]
    rows += [Measure(f"crimes.{slugify(category)}", Section.CRIMES, category, count) for category in crime_categories()]
    rows += [
        Measure("placed.no_location", Section.CRIMES, "Of the area's crimes: no location recorded", count),
        Measure("placed.outside", Section.CRIMES, "Of the area's crimes: in another force's borough", count),
        Measure("placed.by_other_force", Section.CRIMES, "Crimes here recorded by another force", count),
    ]
    rows += [
        Measure("reviews.requested", Section.REVIEWS, "Reviews asked for", count),
        Measure("reviews.national", Section.REVIEWS, "Asked under the national police scheme", count),
        Measure("reviews.london", Section.REVIEWS, "Asked under London's Right to Review only", count),
        Measure("reviews.cps", Section.REVIEWS, "Passed to the CPS under its scheme", count),
        Measure("reviews.accepted", Section.REVIEWS, "Reviews accepted", count),
        Measure("reviews.upheld", Section.REVIEWS, "Decisions upheld on review", count),
        Measure("reviews.overturned", Section.REVIEWS, "Decisions overturned on review", count),
        Measure("reviews.median_days", Section.REVIEWS, "Median time to decide a review", Unit.DAYS),
        Measure("duties.owed", Section.DUTIES, "Duties due", count),
        Measure("duties.on_time", Section.DUTIES, "Duties met on time", count),
        Measure("duties.breached", Section.DUTIES, "Duties met late or overdue", count),
        Measure("duties.on_time_percent", Section.DUTIES, "All duties met on time", percent),
        Measure("duties.standard.on_time_percent", Section.DUTIES, "Standard rights: met on time", percent),
        Measure("duties.enhanced.on_time_percent", Section.DUTIES, "Enhanced rights: met on time", percent),
    ]
    rows += [
        Measure("duties.standard.owed", Section.DUTIES, "Standard rights: duties due", count),
        Measure("duties.enhanced.owed", Section.DUTIES, "Enhanced rights: duties due", count),
    ]
    for duty in Duty.objects.order_by("code"):  # each duty's count is the base of its rate (disclosure control)
        rows += [
            Measure(f"duties.{duty.code}.owed", Section.DUTIES, f"{duty.title}: due", count),
            Measure(f"duties.{duty.code}.on_time_percent", Section.DUTIES, duty.title, percent),
        ]
    rows += [
        Measure(f"outcomes.{outcome.code}", Section.OUTCOMES, f"Outcome {outcome.code}: {outcome.title}", count)
        for outcome in OutcomeType.objects.order_by("code")
    ]
    rows += [
        Measure(
            f"outcomes.published.{slugify(category)}",
            Section.OUTCOMES,
            f"As police.uk publishes it: {category} (several Home Office outcome types)",
            count,
        )
        for category in PUBLISHED_OUTCOME_CATEGORIES
    ]
    rows += [
        Measure("messages.received", Section.MESSAGES, "Messages from victims", count),
        Measure("messages.answered", Section.MESSAGES, "Messages answered", count),
        Measure("messages.median_hours", Section.MESSAGES, "Median time to answer", Unit.HOURS),
        Measure("complaints.received", Section.COMPLAINTS, "Complaints received", count),
        Measure("complaints.upheld", Section.COMPLAINTS, "Complaints upheld by the force", count),
        Measure("complaints.escalated", Section.COMPLAINTS, "Complaints escalated to the Victims Commissioner", count),
        Measure("complaints.commissioner_upheld", Section.COMPLAINTS, "Complaints upheld by the Commissioner", count),
        Measure("alerts.email", Section.ALERTS, "Email alerts sent", count),
        Measure("alerts.text", Section.ALERTS, "Text message alerts sent", count),
        Measure("feedback.responses", Section.FEEDBACK, "Victims who told us how we did", count),
        Measure("feedback.kept_informed_percent", Section.FEEDBACK, "Agree we kept them informed", percent),
        Measure("feedback.treated_fairly_percent", Section.FEEDBACK, "Agree we treated them fairly", percent),
        Measure("feedback.easy_to_use_percent", Section.FEEDBACK, "Agree the service was easy to use", percent),
    ]
    return rows


def crime_categories() -> list[str]:
    """The crime types police.uk publishes, so the plans' figures line up with its open data."""
    categories = OffenceClassification.objects.exclude(police_uk_category="").values_list(
        "police_uk_category", flat=True
    )
    return sorted(set(categories))


def places(area_codes: Iterable[str] | None = None) -> list[Place]:
    """Each BCU followed by its boroughs, by name."""
    areas = Area.objects.order_by("name")
    if area_codes is not None:
        areas = areas.filter(code__in=list(area_codes))
    boroughs = defaultdict(list)
    for borough in Borough.objects.filter(area__in=areas).select_related("area").order_by("name"):
        boroughs[borough.area_id].append(Place("borough", borough.ons_code, borough.name, borough.area.code))
    result = []
    for area in areas:
        result.append(Place("bcu", area.code, area.name, area.code))
        result += boroughs[area.pk]
    return result


def percentile(values: list[float], fraction: float) -> float | None:
    """Linear interpolation between the closest ranks (PostgreSQL's percentile_cont)."""
    if not values:
        return None
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


class _Tally:
    """Counts and durations for every place, filled from rows that carry a report's area and borough."""

    def __init__(self, places: list[Place]) -> None:
        self.area_keys = {area_id: ("bcu", code) for area_id, code in Area.objects.values_list("id", "code")}
        boroughs = Borough.objects.values_list("id", "ons_code", "area_id")
        self.borough_keys = {borough_id: ("borough", code) for borough_id, code, _area in boroughs}
        self.borough_areas = {borough_id: area_id for borough_id, _code, area_id in boroughs}
        self.wanted = {place.key for place in places}
        self.counts: dict[PlaceKey, dict[str, int]] = {key: defaultdict(int) for key in self.wanted}
        self.durations: dict[PlaceKey, dict[str, list[float]]] = {key: defaultdict(list) for key in self.wanted}

    def _keys(self, area_id: int | None, borough_id: int | None) -> list[PlaceKey]:
        """The area's place, and the borough's when it is the area's own: a force's crime in another force's borough
        counts for the force's area, and for that borough only as another force's (`placed.by_other_force`)."""
        keys = [self.area_keys.get(area_id or 0)]
        if borough_id and self.borough_areas.get(borough_id) == area_id:
            keys.append(self.borough_keys.get(borough_id))
        return [key for key in keys if key in self.wanted]

    def add_counts(self, rows: Iterable[dict[str, Any]], names: dict[str, str]) -> None:
        """`names` maps a row's annotation to the measure key it adds to."""
        for row in rows:
            for key in self._keys(row["place_area"], row["place_borough"]):
                for column, measure in names.items():
                    self.counts[key][measure] += row[column]

    def add_placed_apart(self, rows: Iterable[dict[str, Any]], column: str) -> None:
        """Rows whose borough is another force's: `placed.outside` for the area whose crimes they are, and
        `placed.by_other_force` for the borough where they happened and that borough's own area."""
        for row in rows:
            area_id, borough_id = row["place_area"], row["place_borough"]
            borough_area = self.borough_areas.get(borough_id or 0)
            if borough_area is None or borough_area == area_id:
                continue
            places = [("placed.outside", self.area_keys.get(area_id or 0))]
            places += [
                ("placed.by_other_force", self.borough_keys.get(borough_id)),
                ("placed.by_other_force", self.area_keys.get(borough_area)),
            ]
            for measure, key in places:
                if key in self.wanted:
                    self.counts[key][measure] += row[column]

    def add_durations(self, measure: str, queryset: QuerySet[Any], report_path: str, start: str, end: str) -> None:
        """Seconds from `start` to `end` for each row, reckoned by the database: one float loads faster."""
        rows = queryset.order_by().values_list(
            f"{report_path}area_id", f"{report_path}borough_id", _seconds_between(start, end)
        )
        for area_id, borough_id, elapsed in rows.iterator(chunk_size=10_000):
            seconds = elapsed.total_seconds() if isinstance(elapsed, datetime.timedelta) else float(elapsed)
            for key in self._keys(area_id, borough_id):
                self.durations[key][measure].append(seconds)


def _seconds_between(start: str, end: str) -> Any:
    elapsed = ExpressionWrapper(F(end) - F(start), output_field=DurationField())
    if connection.vendor == "postgresql":
        return Func(elapsed, template="EXTRACT(EPOCH FROM %(expressions)s)", output_field=FloatField())
    return elapsed  # SQLite: Django reckons it as a timedelta


def _grouped(queryset: QuerySet[Any], report_path: str, **aggregates: Any) -> QuerySet[Any]:
    return (
        queryset.order_by()
        .values(place_area=F(f"{report_path}area_id"), place_borough=F(f"{report_path}borough_id"))
        .annotate(**aggregates)
    )


def _in_year(field: str, year: int) -> Q:
    start, end = year_bounds(year)
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def _in_areas(queryset: QuerySet[Any], report_path: str, area_ids: list[int] | None) -> QuerySet[Any]:
    return queryset if area_ids is None else queryset.filter(**{f"{report_path}area_id__in": area_ids})


def plan_figures(
    year: int, *, area_codes: Iterable[str] | None = None, now: datetime.datetime | None = None
) -> dict[PlaceKey, dict[str, Value]]:
    """Every measure for every place in `area_codes` (all areas when None), for one year, as they stand `now`."""
    wanted = places(area_codes)
    tally = _Tally(wanted)
    area_ids = (
        None
        if area_codes is None
        else list(Area.objects.filter(code__in=list(area_codes)).values_list("id", flat=True))
    )
    now = now or timezone.now()
    today = now.astimezone(LONDON).date()

    def scoped(queryset: QuerySet[Any], report_path: str) -> QuerySet[Any]:
        return _in_areas(queryset, report_path, area_ids)

    # Reports, and the recording decision on each report received in the year.
    # Crimes known only from the force's records were not reported to the service.
    reports = scoped(Report.objects.filter(_in_year("received_at", year)).exclude(channel=Channel.RECORDS), "")
    decided = Q(first_decided_at__isnull=False)
    channel_counts = {
        f"c_{channel.value}": Count("id", filter=Q(channel=channel))
        for channel in Channel
        if channel != Channel.RECORDS
    }
    kind_counts = {f"k_{kind.value}": Count("id", filter=Q(safe_place__kind=kind)) for kind in SafePlaceKind}
    tally.add_counts(
        _grouped(
            reports,
            "",
            total=Count("id"),
            decided=Count("id", filter=decided),
            within=Count("id", filter=decided & Q(first_decided_at__lte=F("received_at") + RECORDING_CLOCK)),
            past=Count(
                "id",
                filter=Q(first_decided_at__gt=F("received_at") + RECORDING_CLOCK)
                | Q(first_decided_at__isnull=True, received_at__lt=now - RECORDING_CLOCK),
            ),
            **channel_counts,
            **kind_counts,
        ),
        {
            "total": "reports.total",
            "decided": "recording.decided",
            "within": "recording.within_24h",
            "past": "recording.past_24h",
            **{column: f"reports.{column[2:]}" for column in channel_counts},
            **{column: f"reports.safe_place.{column[2:]}" for column in kind_counts},
        },
    )
    tally.add_durations("recording.hours", reports.filter(decided), "", "received_at", "first_decided_at")

    path = "report__"
    refusals = scoped(Refusal.objects.filter(_in_year("decided_at", year)), path)
    tally.add_counts(
        _grouped(refusals, path, n=Count("id"), n100=Count("id", filter=Q(n100=True))),
        {"n": "recording.refusals", "n100": "recording.n100"},
    )
    appeals = scoped(Appeal.objects.all(), path)
    tally.add_counts(
        _grouped(
            appeals.filter(_in_year("submitted_at", year) | _in_year("decided_at", year)),
            path,
            made=Count("id", filter=_in_year("submitted_at", year)),
            overturned=Count("id", filter=_in_year("decided_at", year) & Q(status=AppealStatus.OVERTURNED)),
        ),
        {"made": "recording.appeals", "overturned": "recording.appeals_overturned"},
    )
    cancelled = scoped(Crime.objects.filter(_in_year("cancelled_at", year)), path)
    grounds = {ground.value: Count("id", filter=Q(cancellation_ground=ground)) for ground in CancellationGround}
    tally.add_counts(
        _grouped(cancelled, path, n=Count("id"), **grounds),
        {"n": "recording.cancelled", **{ground: f"recording.cancelled.{ground}" for ground in grounds}},
    )

    # Crimes by the day recorded and police.uk's crime type, however they reached the service. A force's crimes with
    # no location, or in another force's borough (City of London Police next door), count in its area's figures and
    # are shown apart; the borough where they happened counts them as another force's, so it is read here too.
    crimes = Crime.objects.filter(_in_year("recorded_at", year), cancelled_at__isnull=True)
    if area_ids is not None:
        crimes = crimes.filter(Q(report__area_id__in=area_ids) | Q(report__borough__area_id__in=area_ids))
    categories = crime_categories()
    category_counts = {
        f"t_{n}": Count("id", filter=Q(classification__police_uk_category=category))
        for n, category in enumerate(categories)
    }
    rows = list(
        _grouped(
            crimes,
            path,
            n=Count("id"),
            none=Count("id", filter=Q(report__borough__isnull=True)),
            **category_counts,
        )
    )
    tally.add_counts(
        rows,
        {
            "n": "crimes.recorded",
            "none": "placed.no_location",
            **{f"t_{n}": f"crimes.{slugify(category)}" for n, category in enumerate(categories)},
        },
    )
    tally.add_placed_apart(rows, "n")

    # Right to Review: asked for and accepted by the day asked; upheld and overturned by the day decided.
    path = "case__crime__report__"
    reviews = scoped(ReviewRequest.objects.filter(_in_year("requested_at", year) | _in_year("decided_at", year)), path)
    accepted = [ReviewStatus.IN_REVIEW, ReviewStatus.UPHELD, ReviewStatus.OVERTURNED]
    decided_in_year = _in_year("decided_at", year)
    tally.add_counts(
        _grouped(
            reviews,
            path,
            asked=Count("id", filter=_in_year("requested_at", year)),
            **{
                footing.value: Count("id", filter=_in_year("requested_at", year) & Q(footing=footing))
                for footing in Footing
            },
            accepted=Count("id", filter=_in_year("requested_at", year) & Q(status__in=accepted)),
            upheld=Count("id", filter=decided_in_year & Q(status=ReviewStatus.UPHELD)),
            overturned=Count("id", filter=decided_in_year & Q(status=ReviewStatus.OVERTURNED)),
        ),
        {
            "asked": "reviews.requested",
            **{footing.value: f"reviews.{footing.value}" for footing in Footing},
            "accepted": "reviews.accepted",
            "upheld": "reviews.upheld",
            "overturned": "reviews.overturned",
        },
    )
    reviews_decided = reviews.filter(decided_in_year, status__in=[ReviewStatus.UPHELD, ReviewStatus.OVERTURNED])
    tally.add_durations("reviews.days", reviews_decided, path, "requested_at", "decided_at")

    # Victims' Code duties falling due in the year, as on the compliance page.
    path = "case__crime__report__"
    duties = scoped(CaseDuty.objects.filter(due_on__year=year), path)
    tallies = duty_tallies(today)
    for row in (
        duties.order_by()
        .values("duty__code", "enhanced", place_area=F(f"{path}area_id"), place_borough=F(f"{path}borough_id"))
        .annotate(**tallies)
    ):
        owed = row["on_time"] + row["late"] + row["overdue"]
        breached = row["late"] + row["overdue"]
        rights = "enhanced" if row["enhanced"] else "standard"
        for key in tally._keys(row["place_area"], row["place_borough"]):
            counts = tally.counts[key]
            for prefix in ("duties", f"duties.{rights}", f"duties.{row['duty__code']}"):
                counts[f"{prefix}.owed"] += owed
                counts[f"{prefix}.on_time"] += row["on_time"]
            counts["duties.breached"] += breached

    # Outcomes recorded in the year (the case's current outcome).
    path = "crime__report__"
    # A crime known from police.uk under a category that stands for several types counts under that category.
    closed = Q(outcome__isnull=False) | ~Q(published_outcome="")
    outcomes = scoped(Case.objects.filter(closed, _in_year("outcome_at", year)), path)
    for row in (
        outcomes.order_by()
        .values(
            "outcome__code",
            "published_outcome",
            place_area=F(f"{path}area_id"),
            place_borough=F(f"{path}borough_id"),
        )
        .annotate(n=Count("id"))
    ):
        code = row["outcome__code"]
        measure = f"outcomes.{code}" if code else f"outcomes.published.{slugify(row['published_outcome'])}"
        for key in tally._keys(row["place_area"], row["place_borough"]):
            tally.counts[key][measure] += row["n"]

    # Messages from victims sent in the year, and how quickly they were answered.
    path = "case__crime__report__"
    messages = scoped(Message.objects.filter(_in_year("sent_at", year), from_victim=True), path)
    answered = Q(answered_at__isnull=False)
    tally.add_counts(
        _grouped(messages, path, sent=Count("id"), answered=Count("id", filter=answered)),
        {"sent": "messages.received", "answered": "messages.answered"},
    )
    tally.add_durations("messages.hours", messages.filter(answered), path, "sent_at", "answered_at")

    # Complaints: made, answered (upheld), escalated and concluded in the year.
    path = "report__"
    complaints = scoped(
        Complaint.objects.filter(
            _in_year("made_at", year)
            | _in_year("answered_at", year)
            | _in_year("escalated_at", year)
            | _in_year("concluded_at", year)
        ),
        path,
    )
    tally.add_counts(
        _grouped(
            complaints,
            path,
            made=Count("id", filter=_in_year("made_at", year)),
            upheld=Count("id", filter=_in_year("answered_at", year) & Q(upheld=True)),
            escalated=Count("id", filter=_in_year("escalated_at", year)),
            commissioner=Count("id", filter=_in_year("concluded_at", year) & Q(commissioner_upheld=True)),
        ),
        {
            "made": "complaints.received",
            "upheld": "complaints.upheld",
            "escalated": "complaints.escalated",
            "commissioner": "complaints.commissioner_upheld",
        },
    )

    # Alerts sent in the year, by channel.
    alerts = scoped(Delivery.objects.alerts().filter(_in_year("sent_at", year), status=DeliveryStatus.SENT), path)
    tally.add_counts(
        _grouped(
            alerts, path, email=Count("id", filter=Q(channel="email")), text=Count("id", filter=Q(channel="text"))
        ),
        {"email": "alerts.email", "text": "alerts.text"},
    )

    # Feedback given in the year: kept apart from cases, it counts by the area and borough it was given in.
    feedback = scoped(FeedbackResponse.objects.filter(month__year=year), "")
    agree = {question: Count("id", filter=Q(**{question: Agreement.AGREE})) for question in FEEDBACK_QUESTIONS}
    tally.add_counts(
        _grouped(feedback, "", responses=Count("id"), **agree),
        {"responses": "feedback.responses", **{q: f"feedback.{q}" for q in FEEDBACK_QUESTIONS}},
    )

    every_measure = measures()
    return {place.key: _finish(every_measure, tally.counts[place.key], tally.durations[place.key]) for place in wanted}


def _finish(
    every_measure: list[Measure], counts: dict[str, int], durations: dict[str, list[float]]
) -> dict[str, Value]:
    """Turn one place's counts and durations into its figures, one per measure."""
    figures: dict[str, Value] = {}
    for measure in every_measure:
        key = measure.key
        if key.startswith("duties.") and key.endswith(".on_time_percent"):
            prefix = key.removesuffix(".on_time_percent")
            figures[key] = _percent(counts[f"{prefix}.on_time"], counts[f"{prefix}.owed"])
        elif measure.unit == Unit.COUNT:
            figures[key] = counts[key]
    # Of the reports whose 24 hours have run (decided, or still waiting past them): a report still inside its
    # 24 hours has neither met nor missed the clock, so an area with only such reports has no figure yet.
    clock_run = counts["recording.within_24h"] + counts["recording.past_24h"]
    for question in FEEDBACK_QUESTIONS:
        figures[f"feedback.{question}_percent"] = _percent(counts[f"feedback.{question}"], counts["feedback.responses"])
    figures["recording.within_24h_percent"] = _percent(counts["recording.within_24h"], clock_run)
    figures["recording.median_hours"] = _rounded(percentile(durations["recording.hours"], 0.5), HOUR)
    figures["recording.p90_hours"] = _rounded(percentile(durations["recording.hours"], 0.9), HOUR)
    figures["reviews.median_days"] = _rounded(percentile(durations["reviews.days"], 0.5), DAY)
    figures["messages.median_hours"] = _rounded(percentile(durations["messages.hours"], 0.5), HOUR)
    return figures


def _rounded(seconds: float | None, unit_seconds: int) -> float | None:
    return None if seconds is None else round(seconds / unit_seconds, 1)

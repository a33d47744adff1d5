import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.cases.models import Case
from victimsrights.compliance.models import CaseDuty
from victimsrights.compliance.working_days import london_date


def duties_of_case(*, case: Case) -> QuerySet[CaseDuty]:
    return (
        CaseDuty.objects.filter(case=case)
        .select_related("duty")
        .order_by(F("fulfilled_at").asc(nulls_first=True), "due_on", "id")
    )


def duties_due(*, user: StaffUser, today: datetime.date | None = None) -> QuerySet[CaseDuty]:
    """An investigating officer's dashboard: open duties in their area due today or overdue."""
    if user.role != Role.INVESTIGATING_OFFICER or not user.area_id:
        return CaseDuty.objects.none()
    today = today or london_date(timezone.now())
    return (
        CaseDuty.objects.filter(fulfilled_at__isnull=True, due_on__lte=today, area_id=user.area_id)
        .select_related("duty", "case__crime", "case__officer")
        .order_by("due_on", "id")
    )


@dataclass(frozen=True)
class DutyFigures:
    duty: str
    enhanced: bool
    met_on_time: int
    met_late: int
    open_overdue: int
    open_in_time: int

    @property
    def owed(self) -> int:
        """Duties whose deadline has passed or that were met: the base for "on time"."""
        return self.met_on_time + self.met_late + self.open_overdue

    @property
    def on_time_percent(self) -> float | None:
        return round(100 * self.met_on_time / self.owed, 1) if self.owed else None


def duty_tallies(today: datetime.date) -> dict[str, Count]:
    """Annotations that sort duties into met on time, met late, open and overdue, open and in time."""
    still_open = Q(fulfilled_at__isnull=True)
    return {
        "on_time": Count("id", filter=Q(fulfilled_on__lte=F("due_on"))),
        "late": Count("id", filter=Q(fulfilled_on__gt=F("due_on"))),
        "overdue": Count("id", filter=still_open & Q(due_on__lt=today)),
        "in_time": Count("id", filter=still_open & Q(due_on__gte=today)),
    }


def compliance_figures(
    *, start: datetime.date, end: datetime.date, area_ids: list[int] | None = None, today: datetime.date | None = None
) -> list[DutyFigures]:
    """Duties falling due between `start` and `end` (inclusive), by duty and by enhanced or standard."""
    today = today or london_date(timezone.now())
    duties = CaseDuty.objects.filter(due_on__gte=start, due_on__lte=end)
    if area_ids is not None:
        duties = duties.filter(case__crime__report__area_id__in=area_ids)
    rows = duties.values("duty__title", "enhanced").annotate(**duty_tallies(today)).order_by("duty__title", "enhanced")
    return [
        DutyFigures(
            duty=row["duty__title"],
            enhanced=row["enhanced"],
            met_on_time=row["on_time"],
            met_late=row["late"],
            open_overdue=row["overdue"],
            open_in_time=row["in_time"],
        )
        for row in rows
    ]

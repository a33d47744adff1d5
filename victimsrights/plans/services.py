"""Victims' Plans: the commander writes, the commissioner comments, publishing freezes a version."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from victimsrights.accounts.models import StaffUser
from victimsrights.accounts.roles import Role
from victimsrights.areas.models import Area
from victimsrights.audit import services as audit
from victimsrights.plans.document import figures_with_change, snapshot_build
from victimsrights.plans.models import Commitment, Plan, PlanComment, PlanVersion, YearFigures

FIRST_PLAN_YEAR = 2020


class PlanRefused(Exception):
    """The action cannot be taken; the message is shown as it is."""


def plan_years(today: datetime.date | None = None) -> list[int]:
    """A plan covers a year that has begun: this year's is written during it and published after."""
    this_year = (today or timezone.localdate()).year
    return list(range(this_year, FIRST_PLAN_YEAR - 1, -1))


def plan_get_or_start(*, area: Area, year: int) -> Plan:
    if year not in plan_years():
        raise PlanRefused("There is no plan for that year.")
    plan, _ = Plan.objects.get_or_create(area=area, year=year, defaults={"started_at": timezone.now()})
    return plan


def _lock_for_commander(plan_id: int, actor: StaffUser) -> Plan:
    plan = Plan.objects.select_for_update().select_related("area").get(pk=plan_id)
    if actor.role != Role.AREA_COMMANDER or actor.area_id != plan.area_id:
        raise PlanRefused("Only the area's commander can change its plan.")
    return plan


@transaction.atomic
def narrative_save(*, plan_id: int, narrative: str, actor: StaffUser) -> Plan:
    plan = _lock_for_commander(plan_id, actor)
    plan.narrative = narrative
    plan.save(update_fields=["narrative"])
    audit.record(actor=actor, action="plan.narrative", subject=plan)
    return plan


@transaction.atomic
def commitment_add(*, plan_id: int, commitment: str, measure: str, target: str, actor: StaffUser) -> Commitment:
    plan = _lock_for_commander(plan_id, actor)
    added = Commitment.objects.create(
        plan=plan, commitment=commitment, measure=measure, target=target, added_at=timezone.now()
    )
    audit.record(actor=actor, action="plan.commitment.add", subject=plan, detail={"commitment": added.pk})
    return added


@transaction.atomic
def commitment_remove(*, plan_id: int, commitment_id: int, actor: StaffUser) -> None:
    plan = _lock_for_commander(plan_id, actor)
    removed, _ = Commitment.objects.filter(plan=plan, pk=commitment_id).delete()
    if not removed:
        raise PlanRefused("That commitment is not in this plan.")
    audit.record(actor=actor, action="plan.commitment.remove", subject=plan, detail={"commitment": commitment_id})


@transaction.atomic
def comment_add(*, plan_id: int, text: str, actor: StaffUser) -> PlanComment:
    if actor.role != Role.VICTIMS_COMMISSIONER:
        raise PlanRefused("Only the Victims Commissioner comments on plans.")
    plan = Plan.objects.select_for_update().get(pk=plan_id)
    comment = PlanComment.objects.create(plan=plan, author=actor, made_at=timezone.now(), text=text)
    audit.record(actor=actor, action="plan.comment", subject=plan)
    return comment


@transaction.atomic
def plan_publish(*, plan_id: int, actor: StaffUser, correction_note: str = "") -> PlanVersion:
    """Freeze the plan as it stands, with its figures counted now. A later version is a correction."""
    plan = _lock_for_commander(plan_id, actor)
    last = plan.versions.aggregate(last=Max("number"))["last"] or 0
    if not plan.narrative.strip():
        raise PlanRefused("Write the account of the year before publishing.")
    if not plan.commitments.exists():
        raise PlanRefused("Add at least one commitment for next year before publishing.")
    if last and not correction_note.strip():
        raise PlanRefused("Say what this correction changes.")
    now = timezone.now()
    version = PlanVersion.objects.create(
        plan=plan,
        number=last + 1,
        published_at=now,
        published_by=actor,
        correction_note=correction_note.strip() if last else "",
        snapshot=snapshot_build(plan, now=now),
    )
    audit.record(actor=actor, action="plan.publish", subject=plan, detail={"version": version.number})
    return version


def year_figures_count(*, year: int) -> YearFigures:
    """Count every area's and borough's figures for the year and keep them for the commissioner's dashboard."""
    now = timezone.now()
    figures = figures_with_change(year, now=now)
    stored, _ = YearFigures.objects.update_or_create(
        year=year,
        defaults={"counted_at": now, "figures": {f"{kind}:{code}": values for (kind, code), values in figures.items()}},
    )
    return stored

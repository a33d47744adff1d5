"""One delivery pipeline for every message to a victim: acknowledgements, decisions and update alerts.

`delivery_create` is called inside the transaction that makes the change the message is about, so the
message (and its task) exists if and only if the change does. The route (email, text or letter, or the
safe place that speaks for the victim) and the victim's safe times are checked again at the moment of
sending, because the victim may have changed them. A message that will never arrive (a bounce, an
address Notify rejects, tries run out) shows on the officer's screen and leaves the Victims' Code duty
it would have met open.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from victimsrights.accounts.models import StaffUser
from victimsrights.audit import services as audit
from victimsrights.cases.models import CaseEventKind
from victimsrights.compliance.services import duties_mark_undelivered
from victimsrights.notify import senders, tasks
from victimsrights.notify.messages import Message, delivery_message
from victimsrights.notify.models import NOTIFY_FAILURES, Delivery, DeliveryChannel, DeliveryKind, DeliveryStatus
from victimsrights.reporting.contact import next_safe_moment, safe_written_route
from victimsrights.reporting.models import ContactChannel, Report
from victimsrights.tasks import stale_after


class DeliveryRefused(Exception):
    """Shown to staff as it is."""


@dataclass(frozen=True)
class Route:
    channel: str
    address: str


def delivery_route(*, report: Report, kind: str) -> Route | None:
    """Where a message goes: to the safe place that speaks for the victim, else the victim's safest written channel
    they chose (email, then text, then letter). None when there is none: staff phone the victim instead, and alerts
    go only to victims who want them."""
    contact = report.contact
    if kind == DeliveryKind.ALERT and not contact.alerts_wanted:
        return None
    if contact.via_organisation_id:
        return Route(DeliveryChannel.EMAIL, contact.via_organisation.contact_email)  # type: ignore[union-attr]
    written = safe_written_route(contact)
    if written is not None:
        return Route(*written)
    if ContactChannel.LETTER in contact.channels and contact.postal_address:
        return Route(DeliveryChannel.LETTER, f"{report.victim_name}\n{contact.postal_address}")
    return None


def _unrouted(kind: str) -> DeliveryStatus:
    return DeliveryStatus.NO_SAFE_CHANNEL if kind == DeliveryKind.ALERT else DeliveryStatus.STAFF_TO_CONTACT


def _queued_status(route: Route) -> DeliveryStatus:
    """Letters go through GOV.UK Notify when it is set up; otherwise staff print and post them."""
    if route.channel == DeliveryChannel.LETTER and not settings.NOTIFY_API_KEY:
        return DeliveryStatus.TO_PRINT
    return DeliveryStatus.PENDING


def delivery_create(*, report: Report, kind: str, about_update_at: datetime.datetime | None = None) -> Delivery:
    route = delivery_route(report=report, kind=kind)
    not_before = next_safe_moment(now=timezone.now(), safe_times=report.contact.safe_times)
    delivery = Delivery.objects.create(
        report=report,
        kind=kind,
        channel=route.channel if route else "",
        not_before=not_before,
        status=_queued_status(route) if route else _unrouted(kind),
        about_update_at=about_update_at,
    )
    if delivery.status == DeliveryStatus.PENDING:
        tasks.delivery_send.using(run_after=not_before).enqueue(str(delivery.pk))
    return delivery


def alert_create(*, report: Report, about_update_at: datetime.datetime | None = None) -> Delivery:
    """'There is an update on your case': never the update itself."""
    return delivery_create(report=report, kind=DeliveryKind.ALERT, about_update_at=about_update_at)


def delivery_send_at_once(
    *, kind: str, channel: str, to: str, message: Message, report: Report | None = None, delivery_id: str = ""
) -> Delivery:
    """A message that goes now or not at all (a code that waited would be stale): sent, and recorded as a delivery
    like every other, but never queued or retried. Raises senders.NotSent if it did not go, after recording that."""
    now = timezone.now()
    delivery = Delivery.objects.create(
        id=delivery_id or uuid.uuid4(),
        report=report,
        kind=kind,
        channel=channel,
        status=DeliveryStatus.SENDING,
        not_before=now,
        attempts=1,
        sending_since=now,
    )
    try:
        sent = senders.send(channel=channel, to=to, message=message, reference=str(delivery.pk))
    except senders.NotSent as error:
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, last_error=str(error)[:200])
        raise
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), provider=sent.provider, provider_id=sent.provider_id
    )
    return delivery


def delivery_claim(*, delivery_id: str) -> Delivery | None:
    """Move PENDING -> SENDING (or take over a claim whose worker died); None if another run has it or it is done."""
    now = timezone.now()
    abandoned = Q(status=DeliveryStatus.SENDING, sending_since__lt=now - stale_after())
    claimed = Delivery.objects.filter(Q(status=DeliveryStatus.PENDING) | abandoned, pk=delivery_id).update(
        status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, sending_since=now
    )
    if not claimed:
        return None
    return Delivery.objects.select_related("report__contact__via_organisation").get(pk=delivery_id)


@transaction.atomic
def delivery_reroute_if_unsafe(*, delivery: Delivery) -> Route | None:
    """Check the victim's safe times and route again at the moment of sending: they may have changed them.
    Returns the route to send on now, or None when the delivery was put back to wait, to print or to staff."""
    now = timezone.now()
    route = delivery_route(report=delivery.victims_report, kind=delivery.kind)
    if route is None or _queued_status(route) != DeliveryStatus.PENDING:
        status = _queued_status(route) if route else _unrouted(delivery.kind)
        Delivery.objects.filter(pk=delivery.pk).update(status=status, channel=route.channel if route else "")
        if status != DeliveryStatus.TO_PRINT:
            _not_told(delivery)
        return None
    safe_from = next_safe_moment(now=now, safe_times=delivery.victims_report.contact.safe_times)
    if safe_from > now:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.PENDING, not_before=safe_from, attempts=F("attempts") - 1
        )
        tasks.delivery_send.using(run_after=safe_from).enqueue(str(delivery.pk))
        return None
    if route.channel != delivery.channel:
        Delivery.objects.filter(pk=delivery.pk).update(channel=route.channel)
    return route


def delivery_send_now(*, delivery: Delivery, route: Route) -> senders.Sent:
    # A retry after a lost answer: if Notify already has our reference, it was sent.
    reference = str(delivery.pk)
    already = delivery.attempts > 1 and senders.already_sent_by_notify(reference=reference)
    return already or senders.send(
        channel=route.channel, to=route.address, message=delivery_message(delivery=delivery), reference=reference
    )


@transaction.atomic
def delivery_mark_sent(*, delivery: Delivery, sent: senders.Sent, actor: StaffUser | None = None) -> None:
    sent_at = timezone.now()
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENT, sent_at=sent_at, provider=sent.provider, provider_id=sent.provider_id
    )
    audit.record(
        actor=actor,
        action="letter.posted" if sent.provider == "print" else "message.sent",
        subject=delivery.victims_report,
        detail={"delivery": str(delivery.pk), "kind": delivery.kind, "channel": delivery.channel},
    )
    if delivery.kind == DeliveryKind.RECORDED:
        from victimsrights.cases.services import acknowledgement_sent  # cases send alerts through this module

        acknowledgement_sent(crime=delivery.victims_report.crime, at=sent_at)


@transaction.atomic
def delivery_mark_failed_attempt(*, delivery: Delivery, error: Exception, permanent: bool) -> bool:
    """Record the failure; queue another try with backoff unless it is permanent or tries ran out."""
    give_up = permanent or delivery.attempts >= settings.NOTICE_MAX_ATTEMPTS
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED if give_up else DeliveryStatus.PENDING, last_error=str(error)[:200]
    )
    if give_up:
        _not_told(delivery)
        return False
    delay = datetime.timedelta(seconds=min(settings.NOTICE_RETRY_SECONDS * 2 ** (delivery.attempts - 1), 3600))
    tasks.delivery_send.using(run_after=timezone.now() + delay).enqueue(str(delivery.pk))
    return True


@transaction.atomic
def delivery_status_from_notify(*, reference: str, status: str) -> bool:
    """GOV.UK Notify's callback: record delivered / permanent-failure etc. on the message."""
    delivery = Delivery.objects.select_for_update().filter(pk=reference).first()
    if delivery is None:
        return False
    failed_before = delivery.delivery_status in NOTIFY_FAILURES
    delivery.delivery_status = status[:32]
    delivery.save(update_fields=["delivery_status"])
    if status in NOTIFY_FAILURES and not failed_before:
        _not_told(delivery)
    return True


def _not_told(delivery: Delivery) -> None:
    """The message will never reach the victim: the duty it met (or would have met) is not met by it."""
    reopened = 0
    if delivery.kind == DeliveryKind.ALERT and delivery.about_update_at is not None:
        reopened = duties_mark_undelivered(
            report_id=delivery.victims_report.pk,
            fulfilled_by=CaseEventKind.UPDATE_PUBLISHED,
            told_at=delivery.about_update_at,
            now=timezone.now(),
        )
    elif delivery.kind == DeliveryKind.RECORDED:
        reopened = duties_mark_undelivered(
            report_id=delivery.victims_report.pk,
            fulfilled_by=CaseEventKind.ACKNOWLEDGEMENT_SENT,
            told_at=delivery.sent_at,
            now=timezone.now(),
        )
    audit.record(
        actor=None,
        action="message.undelivered",
        subject=delivery.report or delivery,
        detail={"delivery": str(delivery.pk), "duties_reopened": reopened},
    )


# Letters to print, when GOV.UK Notify does not send them ------------------------------------------


LETTERS_PER_PAGE = 25


def letters_to_print(*, reports: QuerySet[Report]) -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(status=DeliveryStatus.TO_PRINT, report__in=reports)
        .select_related("report__contact__via_organisation")
        .order_by("created_at")
    )


@dataclass(frozen=True)
class Letter:
    delivery: Delivery
    address: list[str]
    message: Message


def letters_open(*, reports: QuerySet[Report], actor: StaffUser) -> tuple[list[Letter], int]:
    """The oldest letters waiting to be printed, with their addresses and words; each read is audited."""
    waiting = letters_to_print(reports=reports)
    letters = []
    for delivery in waiting[:LETTERS_PER_PAGE]:
        route = delivery_route(report=delivery.victims_report, kind=delivery.kind)
        address = senders.address_lines(route.address) if route and route.channel == DeliveryChannel.LETTER else []
        letters.append(Letter(delivery, address, delivery_message(delivery=delivery)))
        audit.record(
            actor=actor, action="letter.view", subject=delivery.victims_report, reason="print and post a letter"
        )
    return letters, waiting.count()


def letter_mark_posted(*, delivery_id: str, reports: QuerySet[Report], actor: StaffUser) -> Delivery:
    try:
        letter_id = uuid.UUID(delivery_id)
    except ValueError:
        raise DeliveryRefused("Choose the letter you posted.") from None
    with transaction.atomic():
        delivery = letters_to_print(reports=reports).select_for_update(of=("self",)).filter(pk=letter_id).first()
        if delivery is None:
            raise DeliveryRefused("That letter has already been posted, or is not one of your area's.")
        delivery_mark_sent(delivery=delivery, sent=senders.Sent("print", ""), actor=actor)
    return delivery

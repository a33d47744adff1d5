from dataclasses import dataclass

from django.db.models import Q, QuerySet

from victimsrights.notify.models import NOTIFY_FAILURES, Delivery, DeliveryStatus
from victimsrights.reporting.models import Report

DELIVERIES_SHOWN = 20


@dataclass(frozen=True)
class DeliveriesPanel:
    deliveries: list[Delivery]
    not_delivered: bool


def deliveries_of_report(*, report: Report) -> DeliveriesPanel:
    """The newest messages to the victim, for the officer's screen beside the case."""
    deliveries = list(report.deliveries.order_by("-created_at")[:DELIVERIES_SHOWN])
    return DeliveriesPanel(deliveries, any(delivery.not_delivered for delivery in deliveries))


def not_delivered(deliveries: QuerySet[Delivery]) -> QuerySet[Delivery]:
    """Messages that will never reach the victim: given up on, or reported by GOV.UK Notify as failed."""
    return deliveries.filter(Q(status=DeliveryStatus.FAILED) | Q(delivery_status__in=NOTIFY_FAILURES))

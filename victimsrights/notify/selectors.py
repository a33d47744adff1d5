from dataclasses import dataclass

from victimsrights.notify.models import Delivery
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

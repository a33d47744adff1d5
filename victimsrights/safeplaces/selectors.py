"""Reads for a safe place: only its own reports and sealed records, never police notes."""

from django.db.models import QuerySet

from victimsrights.accounts.models import StaffUser
from victimsrights.reporting.models import Report
from victimsrights.sealedrecords.models import SealedRecord


def reports_for_organisation(*, user: StaffUser) -> QuerySet[Report]:
    if not user.organisation_id:
        return Report.objects.none()
    return (
        Report.objects.filter(safe_place_id=user.organisation_id)
        .select_related("crime", "appeal")
        .only("reference", "received_at", "status", "crime__crime_number", "appeal__status")
        .order_by("-received_at")
    )


def sealed_records_for_organisation(*, user: StaffUser) -> QuerySet[SealedRecord]:
    if not user.organisation_id:
        return SealedRecord.objects.none()
    return SealedRecord.objects.filter(organisation_id=user.organisation_id).defer("ciphertext", "wrapped_key")


def workers_for_organisation(*, user: StaffUser) -> QuerySet[StaffUser]:
    return StaffUser.objects.filter(organisation_id=user.organisation_id).order_by("-is_active", "first_name")

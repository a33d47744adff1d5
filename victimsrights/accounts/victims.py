"""Victim sign-in: a report reference or crime number, then a one-time code.

Codes are 6 digits, live 10 minutes, work once and allow 5 tries. The answer to an unknown
reference is the same page, reached by the same work, as the answer to a known one.
"""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from victimsrights.accounts.models import VictimAccessCode
from victimsrights.audit import services as audit
from victimsrights.reporting.contact import safe_written_route
from victimsrights.reporting.models import Report, SealedRecord, SealedRecordStatus
from victimsrights.reporting.services import sealed_record_code_hash, sealed_record_contents

SESSION_VICTIM_REPORT = "victim_report_id"
SESSION_VICTIM_SEALED_RECORD = "victim_sealed_record_id"
CODE_LIFETIME = datetime.timedelta(minutes=10)
MAX_TRIES = 5


def _normalise(identifier: str) -> str:
    return "".join(identifier.split()).upper()


def code_hash(*, access_id: object, code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{access_id}:{code}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def victim_code_request(*, identifier: str) -> VictimAccessCode:
    from victimsrights.accounts.tasks import victim_code_send

    wanted = _normalise(identifier)
    report = Report.objects.filter(Q(reference=wanted) | Q(crime__crime_number=wanted)).first()
    access = VictimAccessCode.objects.create(report=report, expires_at=timezone.now() + CODE_LIFETIME)
    victim_code_send.enqueue(str(access.pk))
    return access


@transaction.atomic
def sealed_record_code_request(*, record_code: str) -> VictimAccessCode:
    from victimsrights.accounts.tasks import victim_code_send

    record = SealedRecord.objects.filter(
        record_code_hash=sealed_record_code_hash(record_code), status=SealedRecordStatus.SEALED
    ).first()
    access = VictimAccessCode.objects.create(sealed_record=record, expires_at=timezone.now() + CODE_LIFETIME)
    victim_code_send.enqueue(str(access.pk))
    return access


def _safe_route(access: VictimAccessCode) -> tuple[str, str] | None:
    """Where the code may go: the victim's safe email, else their safe mobile (by GOV.UK Notify)."""
    if access.report is not None:
        return safe_written_route(access.report.contact)
    if access.sealed_record is not None and access.sealed_record.status == SealedRecordStatus.SEALED:
        contents = sealed_record_contents(record=access.sealed_record, worker=None, reason="system: send sign-in code")
        return ("email", contents["victim_email"]) if contents.get("victim_email") else None
    return None


@transaction.atomic
def victim_code_issue(*, access_id: str) -> tuple[str, str, str] | None:
    """Make the code for a request. Returns (channel, address, code), or None if there is nowhere safe."""
    access = (
        VictimAccessCode.objects.select_for_update(of=("self",))
        .select_related("report__contact", "sealed_record")
        .get(pk=access_id)
    )
    route = None if access.code_hash else _safe_route(access)
    if route is None:
        return None
    code = f"{secrets.randbelow(1_000_000):06d}"
    access.code_hash = code_hash(access_id=access.pk, code=code)
    access.save(update_fields=["code_hash"])
    return route[0], route[1], code


@transaction.atomic
def victim_code_verify(*, access_id: str, code: str) -> VictimAccessCode | None:
    """The access the code opens (its report or sealed record), or None."""
    access = VictimAccessCode.objects.select_for_update().filter(pk=access_id).first()
    if access is None or access.used_at or access.attempts >= MAX_TRIES or access.expires_at <= timezone.now():
        return None
    access.attempts += 1
    matched = bool(access.code_hash) and hmac.compare_digest(
        access.code_hash, code_hash(access_id=access.pk, code="".join(code.split()))
    )
    if matched:
        access.used_at = timezone.now()
    access.save(update_fields=["attempts", "used_at"])
    subject = access.report or access.sealed_record
    if not matched or subject is None:
        return None
    audit.record(actor=None, actor_label="victim (signed in)", action="victim.sign_in", subject=subject)
    return access


def code_still_usable(*, access_id: str) -> bool:
    """Not used, not expired and not out of tries: worth asking the victim to check it."""
    return VictimAccessCode.objects.filter(
        pk=access_id, used_at__isnull=True, expires_at__gt=timezone.now(), attempts__lt=MAX_TRIES
    ).exists()

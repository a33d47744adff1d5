"""Victim sign-in: a report reference or crime number, then a one-time code.

Codes are 6 digits, live 10 minutes, work once and allow 5 tries. The answer to an unknown
reference is the same page, reached by the same work, as the answer to a known one.

Anyone who knows a crime number can ask for a code, so asking must neither let a stranger contact the
victim at will nor use up the victim's own way in:
- a code goes only inside the victim's safe times, and says nothing of what it is for;
- one code message at most every RESEND_INTERVAL for a report: a request within it shares the code
  already sent, which the victim has, instead of sending another (so nobody's requests lock the
  victim out: the latest message always holds a code that works);
- the 5 tries belong to the code, whoever shares it, so sharing gives a guesser nothing more.
"""

import datetime
import hashlib
import hmac
import secrets
import uuid
from collections.abc import Mapping

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from victimsrights.audit import services as audit
from victimsrights.portal import tasks
from victimsrights.portal.models import VictimAccessCode
from victimsrights.reporting.codes import sealed_record_code_hash
from victimsrights.reporting.contact import next_safe_moment, safe_written_route
from victimsrights.reporting.models import Report
from victimsrights.sealedrecords.models import SealedRecord, SealedRecordStatus
from victimsrights.sealedrecords.services import sealed_record_contents

CODE_LIFETIME = datetime.timedelta(minutes=10)
RESEND_INTERVAL = CODE_LIFETIME
MAX_TRIES = 5
NO_RECORD = uuid.UUID(int=0)  # looked up for an unknown record code, so both answers do the same work


def _normalise(identifier: str) -> str:
    return "".join(identifier.split()).upper()


def code_hash(*, access_id: object, code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{access_id}:{code}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def victim_code_request(*, identifier: str) -> VictimAccessCode:
    wanted = _normalise(identifier)
    report = (
        Report.objects.select_for_update(of=("self",))  # one request at a time per report decides who sends
        .filter(Q(reference=wanted) | Q(crime__crime_number=wanted))
        .first()
    )
    return _share_or_send(lookup={"report_id": report.pk if report else 0}, subject={"report": report})


def _share_or_send(*, lookup: Mapping[str, object], subject: Mapping[str, object]) -> VictimAccessCode:
    """Share the code sent lately for this subject, or queue a new one. An unknown subject is looked up too (it
    finds nothing), so the answer takes the same time either way."""
    sent = _code_sent_lately(VictimAccessCode.objects.filter(**lookup))
    if sent is not None:
        return VictimAccessCode.objects.create(**subject, expires_at=sent.expires_at, shares=sent)
    access = VictimAccessCode.objects.create(**subject, expires_at=timezone.now() + CODE_LIFETIME)
    tasks.victim_code_send.enqueue(str(access.pk))
    return access


def _code_sent_lately(codes: QuerySet[VictimAccessCode]) -> VictimAccessCode | None:
    """The code message sent within RESEND_INTERVAL that can still be used, if any."""
    now = timezone.now()
    shareable = codes.filter(shares__isnull=True, used_at__isnull=True, expires_at__gt=now)
    return shareable.filter(expires_at__gt=now + CODE_LIFETIME - RESEND_INTERVAL).order_by("-expires_at").first()


@transaction.atomic
def sealed_record_code_request(*, record_code: str) -> VictimAccessCode:
    record = (
        SealedRecord.objects.select_for_update()
        .filter(record_code_hash=sealed_record_code_hash(record_code), status=SealedRecordStatus.SEALED)
        .only("pk")
        .first()
    )
    lookup = {"sealed_record_id": record.pk if record else NO_RECORD}
    return _share_or_send(lookup=lookup, subject={"sealed_record": record})


def _safe_route(access: VictimAccessCode) -> tuple[str, str] | None:
    """Where the code may go now: the victim's safe email, else their safe mobile (by GOV.UK Notify).

    None outside the victim's safe times: a code that waited for them would be stale when it came.
    """
    if access.report is not None:
        contact = access.report.contact
        now = timezone.now()
        if next_safe_moment(now=now, safe_times=contact.safe_times) > now:
            return None
        return safe_written_route(contact)
    if access.sealed_record is not None and access.sealed_record.status == SealedRecordStatus.SEALED:
        contents = sealed_record_contents(record=access.sealed_record, worker=None, reason="system: send sign-in code")
        return ("email", contents["victim_email"]) if contents.get("victim_email") else None
    return None


@transaction.atomic
def victim_code_issue(*, access_id: str) -> tuple[str, str, str, Report | None] | None:
    """Make the code for a request. Returns (channel, address, code, report), or None if there is nowhere safe."""
    access = (
        VictimAccessCode.objects.select_for_update(of=("self",))
        .select_related("report__contact", "sealed_record")
        .get(pk=access_id)
    )
    if access.code_hash or access.shares_id:
        return None
    route = _safe_route(access)
    if route is None:
        # Nothing sent (outside safe times, or nowhere safe): end it, so later requests do not wait on it.
        access.expires_at = timezone.now()
        access.save(update_fields=["expires_at"])
        return None
    code = f"{secrets.randbelow(1_000_000):06d}"
    access.code_hash = code_hash(access_id=access.pk, code=code)
    access.save(update_fields=["code_hash"])
    return route[0], route[1], code, access.report


def victim_code_not_sent(*, access_id: str) -> None:
    """The code could not be sent: end it, so the victim's next request sends a new one instead of sharing it."""
    VictimAccessCode.objects.filter(pk=access_id).update(expires_at=timezone.now())


@transaction.atomic
def victim_code_verify(*, access_id: str, code: str) -> VictimAccessCode | None:
    """The access the code opens (its report or sealed record), or None."""
    access = VictimAccessCode.objects.filter(pk=access_id).first()
    # The code's own row keeps the tries and the use, for everyone who shares it.
    sent = (
        VictimAccessCode.objects.select_for_update().filter(pk=access.shares_id or access.pk).first()
        if access
        else None
    )
    if access is None or sent is None or not _usable(sent):
        return None
    sent.attempts += 1
    matched = bool(sent.code_hash) and hmac.compare_digest(
        sent.code_hash, code_hash(access_id=sent.pk, code="".join(code.split()))
    )
    if matched:
        sent.used_at = timezone.now()
    sent.save(update_fields=["attempts", "used_at"])
    subject = access.report or access.sealed_record
    if not matched or subject is None:
        return None
    audit.record(actor=None, actor_label="the victim, signed in", action="victim.sign_in", subject=subject)
    return access


def _usable(sent: VictimAccessCode) -> bool:
    return not sent.used_at and sent.attempts < MAX_TRIES and sent.expires_at > timezone.now()


def code_still_usable(*, access_id: str) -> bool:
    """Not used, not expired and not out of tries: worth asking the victim to check it."""
    access = VictimAccessCode.objects.select_related("shares").filter(pk=access_id).first()
    return access is not None and _usable(access.shares or access)

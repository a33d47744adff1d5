"""Sealed records: a victim's account kept sealed by a safe place while they decide whether to report.

Only safe-place workers of the record's own organisation, and the victim with the record code, can open one;
police-facing apps never import this app (import-linter contract in pyproject.toml).
"""

import contextlib
import datetime
import functools
import json
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from victimsrights.audit import services as audit
from victimsrights.notify import senders
from victimsrights.notify.messages import identifier_match_message, sealed_record_reminder_message
from victimsrights.notify.models import DeliveryKind
from victimsrights.notify.services import delivery_send_at_once
from victimsrights.reporting import services as reporting  # which imports this module back: looked up late
from victimsrights.reporting.codes import random_code, sealed_record_code_hash
from victimsrights.reporting.models import Draft, Report
from victimsrights.sealedrecords import matching, sealing
from victimsrights.sealedrecords.models import (
    IdentifierKind,
    IdentifierMatch,
    PerpetratorIdentifier,
    SealedRecord,
    SealedRecordStatus,
)

RECORD_CODE_LENGTH = 10


def sealed_record_create(*, worker: Any, account: str, notes: str, victim_email: str = "") -> tuple[SealedRecord, str]:
    """Seal the victim's account. Returns the record and its code, which is shown only once."""
    code = random_code(RECORD_CODE_LENGTH)
    now = timezone.now()
    with transaction.atomic():
        record = SealedRecord(
            organisation=worker.organisation,
            created_by=worker,
            sealed_at=now,
            record_code_hash=sealed_record_code_hash(code),
            retain_until=now + datetime.timedelta(days=settings.SEALED_RECORD_RETENTION_DAYS),
        )
        sealed = sealing.seal(
            json.dumps({"account": account, "notes": notes, "victim_email": victim_email}).encode(),
            record_id=str(record.id),
        )
        record.ciphertext, record.wrapped_key, record.key_version = (
            sealed.ciphertext,
            sealed.wrapped_key,
            sealed.key_version,
        )
        record.save()
        audit.record(actor=worker, action="sealed_record.create", subject=record)
    return record, code


def sealed_record_contents(*, record: SealedRecord, worker: Any, reason: str = "") -> dict[str, str]:
    """Decrypt for a worker of the record's own organisation, or (worker None) for the victim
    signed in with the record code, or for the system sending the victim a code. Audited."""
    if (worker is not None and record.organisation_id != worker.organisation_id) or record.wrapped_key is None:
        raise PermissionError("This sealed record cannot be opened.")
    audit.record(
        actor=worker,
        actor_label="" if worker else (reason or "the victim, signed in"),
        action="sealed_record.open",
        subject=record,
        reason=reason,
    )
    return _unseal(record)


def _lock_sealed(*, record_id: Any, worker: Any) -> SealedRecord:
    """A worker acts on their organisation's records; a victim (worker None) on the one they signed in to."""
    records = SealedRecord.objects.select_for_update().filter(pk=record_id)
    if worker is not None:
        records = records.filter(organisation_id=worker.organisation_id)
    record = records.first()
    if record is None:
        raise SealedRecordRefused("This sealed record cannot be found.")
    if record.status != SealedRecordStatus.SEALED:
        raise SealedRecordRefused(f"This record can no longer be changed: {record.get_status_display().lower()}.")
    return record


class SealedRecordRefused(Exception):
    pass


def _crypto_erase(record: SealedRecord, status: SealedRecordStatus) -> None:
    record.identifiers.all().delete()  # their values were sealed with the key about to go; the hashes go too
    record.wrapped_key = None
    record.ciphertext = b""
    record.status = status
    record.closed_at = timezone.now()
    record.save(update_fields=["wrapped_key", "ciphertext", "status", "closed_at"])


@transaction.atomic
def sealed_record_extend(*, record_id: Any, worker: Any) -> SealedRecord:
    record = _lock_sealed(record_id=record_id, worker=worker)
    record.retain_until = timezone.now() + datetime.timedelta(days=settings.SEALED_RECORD_RETENTION_DAYS)
    record.reminder_sent_at = None
    record.save(update_fields=["retain_until", "reminder_sent_at"])
    audit.record(actor=worker, actor_label="" if worker else "victim", action="sealed_record.extend", subject=record)
    return record


@transaction.atomic
def sealed_record_destroy(*, record_id: Any, worker: Any) -> SealedRecord:
    record = _lock_sealed(record_id=record_id, worker=worker)
    _crypto_erase(record, SealedRecordStatus.DESTROYED)
    audit.record(actor=worker, actor_label="" if worker else "victim", action="sealed_record.destroy", subject=record)
    return record


@transaction.atomic
def sealed_record_convert(*, record_id: Any, worker: Any, consent: dict[str, Any]) -> Draft:
    """Start a report from a sealed record: its account becomes the first answer."""
    record = _lock_sealed(record_id=record_id, worker=worker)
    account = sealed_record_contents(record=record, worker=worker)["account"]
    draft = reporting.draft_start_for_safe_place(worker=worker, consent=consent, sealed_record=record)
    draft.answers = {**draft.answers, "what-happened": {"what_happened": account}}
    draft.save(update_fields=["answers"])
    return draft


@transaction.atomic
def sealed_record_report_by_victim(*, record_id: Any) -> Draft:
    """The victim, signed in with the record code, starts their own online report from the record."""
    record = _lock_sealed(record_id=record_id, worker=None)
    account = sealed_record_contents(record=record, worker=None)["account"]
    draft = reporting.draft_start()
    draft.sealed_record = record
    draft.answers = {"what-happened": {"what_happened": account}}
    draft.save(update_fields=["sealed_record", "answers"])
    return draft


def seal_into_report(*, sealed_record_id: Any, report: Report) -> None:
    """On submit: keep the sealed time stamp on the report as evidence of early disclosure.

    If the record was destroyed or expired meanwhile, the report still goes in, without it.
    """
    record = SealedRecord.objects.select_for_update().filter(pk=sealed_record_id).first()
    if record is None or record.status != SealedRecordStatus.SEALED:
        return
    report.first_disclosed_at = record.sealed_at
    report.save(update_fields=["first_disclosed_at"])
    record.report = report
    record.save(update_fields=["report"])
    # Another victim whose record named the same person has reported too: the officer sees both reports linked.
    matched = {
        match.second_id if match.first_id == record.pk else match.first_id for match in matches_for_record(record)
    }
    report.linked_reports.add(
        *SealedRecord.objects.filter(pk__in=matched, report__isnull=False).values_list("report_id", flat=True)
    )
    # The account now lives in the report; the sealed copy is erased.
    _crypto_erase(record, SealedRecordStatus.CONVERTED)


def sealed_records_expire(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Destroy records past their retention; remind organisations 30 days before. Safe to re-run."""
    now = now or timezone.now()
    expired = reminded = 0
    for record_id in SealedRecord.objects.filter(status=SealedRecordStatus.SEALED, retain_until__lte=now).values_list(
        "id", flat=True
    ):
        with transaction.atomic():
            record = SealedRecord.objects.select_for_update().get(pk=record_id)
            if record.status == SealedRecordStatus.SEALED and record.retain_until <= now:
                _crypto_erase(record, SealedRecordStatus.EXPIRED)
                audit.record(actor=None, action="sealed_record.expire", subject=record)
                expired += 1
    soon = now + datetime.timedelta(days=settings.SEALED_RECORD_REMINDER_DAYS)
    due = SealedRecord.objects.filter(
        status=SealedRecordStatus.SEALED, retain_until__lte=soon, reminder_sent_at__isnull=True
    ).select_related("organisation")
    for record in due:
        with transaction.atomic():
            claimed = SealedRecord.objects.filter(pk=record.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if claimed:
                message = sealed_record_reminder_message(record=record)
                to = record.organisation.contact_email
                delivery_send_at_once(kind=DeliveryKind.REMINDER, channel="email", to=to, message=message)
                reminded += 1
    return {"expired": expired, "reminded": reminded}


def sealed_records_rewrap() -> int:
    """Re-wrap every live record's data key under the current sealed-records key (key rotation)."""
    current = sealing.current_version()
    rewrapped = 0
    for record_id in (
        SealedRecord.objects.filter(wrapped_key__isnull=False).exclude(key_version=current).values_list("id", flat=True)
    ):
        with transaction.atomic():
            record = SealedRecord.objects.select_for_update().get(pk=record_id)
            if record.wrapped_key is None or record.key_version == current:
                continue
            record.wrapped_key, record.key_version = sealing.rewrap(
                wrapped_key=bytes(record.wrapped_key), key_version=record.key_version, record_id=str(record.id)
            )
            record.save(update_fields=["wrapped_key", "key_version"])
            rewrapped += 1
    return rewrapped


def _unseal(record: SealedRecord) -> dict[str, str]:
    assert record.wrapped_key is not None
    plaintext = sealing.unseal(
        ciphertext=bytes(record.ciphertext),
        wrapped_key=bytes(record.wrapped_key),
        key_version=record.key_version,
        record_id=str(record.id),
    )
    contents: dict[str, str] = json.loads(plaintext)
    return contents


def _victim_digests(record: SealedRecord) -> dict[str, str]:
    """The victim's safe email address hashed under every matching key, or nothing when the record has none."""
    email = _unseal(record).get("victim_email", "").strip().lower()
    return matching.digests_under_every_version("victim", email) if email else {}


def _seal_value(record: SealedRecord, canonical: str, kind: str) -> bytes:
    assert record.wrapped_key is not None
    return sealing.seal_beside(
        canonical.encode(),
        wrapped_key=bytes(record.wrapped_key),
        key_version=record.key_version,
        record_id=str(record.id),
        context=f"identifier/{kind}",
    )


@transaction.atomic
def identifier_add(*, record_id: Any, worker: Any, kind: IdentifierKind, canonical: str) -> tuple[bool, int]:
    """Add a normalised identifier of the perpetrator to a sealed record, with the victim, and look for other
    victims' records naming it. Returns (added, new matches). Every entry counts toward the worker's daily limit,
    and is audited without the identifier."""
    record = _lock_sealed(record_id=record_id, worker=worker)
    since = timezone.now() - datetime.timedelta(days=1)
    if (
        audit.actions_by(actor=worker, action="sealed_record.identifier_add", since=since)
        >= settings.MATCHING_ENTRIES_PER_WORKER_PER_DAY
    ):
        raise SealedRecordRefused(
            f"You have entered {settings.MATCHING_ENTRIES_PER_WORKER_PER_DAY} identifiers in the last 24 hours, "
            "the most allowed. Try again tomorrow."
        )
    if record.identifiers.count() >= settings.MATCHING_IDENTIFIERS_PER_RECORD:
        raise SealedRecordRefused(
            f"A record can name at most {settings.MATCHING_IDENTIFIERS_PER_RECORD} identifiers of the perpetrator."
        )
    audit.record(actor=worker, action="sealed_record.identifier_add", subject=record, detail={"kind": kind})
    digests = matching.digests_under_every_version(kind, canonical)
    current = matching.current_version()
    _serialise_entries_of(digests.values())
    if record.identifiers.filter(digest__in=digests.values()).exists():
        return False, 0
    victim = _victim_digests(record)
    PerpetratorIdentifier.objects.create(
        record=record,
        kind=kind,
        digest=digests[current],
        key_version=current,
        victim_digest=victim.get(current, ""),
        sealed_value=_seal_value(record, canonical, kind),
        entered_by=worker,
        entered_at=timezone.now(),
    )
    others = (
        PerpetratorIdentifier.objects.filter(digest__in=digests.values(), record__status=SealedRecordStatus.SEALED)
        .exclude(record=record)
        .values_list("record_id", "key_version", "victim_digest")
    )
    matched = {
        other for other, version, their_victim in others if not their_victim or their_victim != victim.get(version)
    }
    found = 0
    for other_id in sorted(matched, key=str):
        first, second = sorted([record.pk, other_id], key=str)
        match, created = IdentifierMatch.objects.get_or_create(
            first_id=first, second_id=second, defaults={"found_at": timezone.now(), "kind": kind}
        )
        if created:
            found += 1
            audit.record(actor=worker, action="sealed_record.match", subject=match)
            transaction.on_commit(functools.partial(_tell_safe_places, match.pk))
    return True, found


def _serialise_entries_of(digests: Any) -> None:
    """Two victims' workers entering the same identifier at the same moment must still find each other: on
    PostgreSQL each transaction holds a lock on the identifier's hash until it commits, so the second entry's
    search sees the first. SQLite needs nothing: its writing transactions run one at a time (IMMEDIATE)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for digest in sorted(set(digests)):  # one order for every transaction: no deadlock
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(digest[:15], 16)])


def _tell_safe_places(match_id: int) -> None:
    """Each record's own safe place hears that a match exists: the worker who sealed it while they still work
    there, otherwise the organisation's own address."""
    match = IdentifierMatch.objects.get(pk=match_id)
    for record in SealedRecord.objects.filter(pk__in=[match.first_id, match.second_id]).select_related(
        "created_by", "organisation"
    ):
        worker = record.created_by
        still_there = worker.is_active and worker.organisation_id == record.organisation_id
        to = (worker.email if still_there else "") or record.organisation.contact_email
        # A failure is recorded as a failed delivery; the match shows on the record's page all the same.
        with contextlib.suppress(senders.NotSent):
            delivery_send_at_once(
                kind=DeliveryKind.MATCH, channel="email", to=to, message=identifier_match_message(record=record)
            )


def matches_for_record(record: SealedRecord) -> list[IdentifierMatch]:
    return list(IdentifierMatch.objects.filter(models.Q(first=record) | models.Q(second=record)).order_by("found_at"))


def identifiers_rehash() -> int:
    """After a new matching key is configured first: re-hash every identifier (and its victim's address) under it,
    reading the identifier back with its record's own data key. Matches found before are kept."""
    current = matching.current_version()
    rehashed = 0
    for identifier_id in PerpetratorIdentifier.objects.exclude(key_version=current).values_list("id", flat=True):
        with transaction.atomic():
            identifier = (
                PerpetratorIdentifier.objects.select_for_update()
                .select_related("record")
                .filter(pk=identifier_id)
                .first()
            )
            if identifier is None or identifier.key_version == current or identifier.record.wrapped_key is None:
                continue
            record = identifier.record
            canonical = sealing.unseal_beside(
                bytes(identifier.sealed_value or b""),
                wrapped_key=bytes(record.wrapped_key or b""),
                key_version=record.key_version,
                record_id=str(record.id),
                context=f"identifier/{identifier.kind}",
            ).decode()
            identifier.digest = matching.digest(identifier.kind, canonical, version=current)
            identifier.victim_digest = _victim_digests(record).get(current, "")
            identifier.key_version = current
            identifier.save(update_fields=["digest", "victim_digest", "key_version"])
            rehashed += 1
    return rehashed


def matching_counts() -> dict[str, int]:
    """For the commissioner: counts only, never which records."""
    return {
        "identifiers": PerpetratorIdentifier.objects.count(),
        "records_naming": PerpetratorIdentifier.objects.values("record").distinct().count(),
        "matches": IdentifierMatch.objects.count(),
    }

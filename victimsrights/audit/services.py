"""The audit log: every read or change of a victim's personal data, hash-chained.

`record` is called by services inside their own transaction, so the entry and the change
commit together or not at all.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.utils import timezone

from victimsrights.audit.models import AuditChainHead, AuditEntry

GENESIS_HASH = "0" * 64


def _entry_hash(*, previous_hash: str, entry: AuditEntry) -> str:
    payload = json.dumps(
        {
            "previous": previous_hash,
            "at": entry.at.isoformat(),
            "actor": entry.actor_id,
            "actor_label": entry.actor_label,
            "action": entry.action,
            "subject_type": entry.subject_type,
            "subject_id": entry.subject_id,
            "reason": entry.reason,
            "detail": entry.detail,
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def record(
    *,
    actor: Any,
    action: str,
    subject: models.Model,
    detail: dict[str, Any] | None = None,
    reason: str = "",
    actor_label: str = "",
) -> AuditEntry:
    """Append one entry. `actor` is a staff user, or None for a victim or the system."""
    user = None if actor is None or isinstance(actor, AnonymousUser) else actor
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1, defaults={"last_hash": GENESIS_HASH})
        entry = AuditEntry(
            at=timezone.now(),
            actor=user,
            actor_label=actor_label or (user.get_username() if user else "system"),
            action=action,
            subject_type=subject._meta.label_lower,
            subject_id=str(subject.pk),
            reason=reason,
            detail=detail or {},
            previous_hash=head.last_hash,
        )
        entry.entry_hash = _entry_hash(previous_hash=head.last_hash, entry=entry)
        entry.save()
        head.last_entry_id = entry.pk
        head.last_hash = entry.entry_hash
        head.save(update_fields=["last_entry_id", "last_hash"])
    return entry


@dataclass(frozen=True)
class ChainVerification:
    entries_checked: int
    first_broken_entry_id: int | None
    problem: str

    @property
    def intact(self) -> bool:
        return self.first_broken_entry_id is None and not self.problem


def verify_chain(*, chunk_size: int = 5000) -> ChainVerification:
    """Recompute every link; report the first entry that was edited, removed or moved."""
    previous_hash = GENESIS_HASH
    checked = 0
    last_id = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=chunk_size):
        if entry.previous_hash != previous_hash:
            return ChainVerification(checked, entry.pk, "An entry before this one was removed or moved.")
        if _entry_hash(previous_hash=previous_hash, entry=entry) != entry.entry_hash:
            return ChainVerification(checked, entry.pk, "This entry was changed after it was written.")
        previous_hash = entry.entry_hash
        last_id = entry.pk
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_hash != previous_hash or head.last_entry_id != last_id):
        return ChainVerification(checked, None, "Entries at the end of the log were removed.")
    return ChainVerification(checked, None, "")

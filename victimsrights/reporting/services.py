"""Right to Report: every change to drafts, reports and acknowledgements happens here."""

import datetime
import hashlib
import secrets
import uuid
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from victimsrights.areas.models import Borough, Force, SafePlaceOrganisation
from victimsrights.audit import services as audit
from victimsrights.reporting import messages
from victimsrights.reporting.contact import next_safe_moment
from victimsrights.reporting.journey import first_unanswered
from victimsrights.reporting.models import (
    Channel,
    ContactChannel,
    ContactPreferences,
    DeliveryStatus,
    Draft,
    Notice,
    NoticeKind,
    Report,
)
from victimsrights.reporting.tasks import notice_send

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to mix up
RESUME_CODE_LENGTH = 10


class JourneyIncomplete(Exception):
    def __init__(self, step_slug: str) -> None:
        super().__init__(step_slug)
        self.step_slug = step_slug


class StaleSubmission(Exception):
    """The submitted form does not belong to this draft (for example an old tab)."""


def _random_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def resume_code_hash(code: str) -> str:
    """Codes are long and random, so a plain SHA-256 is enough to keep them out of the database."""
    canonical = "".join(char for char in code.upper() if char in CODE_ALPHABET)
    return hashlib.sha256(f"resume:{canonical}".encode()).hexdigest()


def draft_start() -> Draft:
    return Draft.objects.create(expires_at=timezone.now() + datetime.timedelta(days=settings.DRAFT_LIFETIME_DAYS))


@transaction.atomic
def draft_answer(*, draft: Draft, step_slug: str, answer: dict[str, Any]) -> Draft:
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    draft.answers = {**draft.answers, step_slug: answer}
    draft.save(update_fields=["answers", "updated_at"])
    return draft


def draft_save_for_later(*, draft: Draft, email: str) -> None:
    """Give the draft a new resume code and email it. Raises OSError if the email cannot go."""
    code = _random_code(RESUME_CODE_LENGTH)
    with transaction.atomic():
        draft = Draft.objects.select_for_update().get(pk=draft.pk)
        draft.resume_code_hash = resume_code_hash(code)
        draft.expires_at = timezone.now() + datetime.timedelta(days=settings.DRAFT_LIFETIME_DAYS)
        draft.save(update_fields=["resume_code_hash", "expires_at", "updated_at"])
        # Sent inside the transaction: if the email fails, the new code is not kept either.
        messages.send_resume_code(email=email, code=code, expires_at=draft.expires_at)


def _reference() -> str:
    code = _random_code(8)
    return f"VR-{code[:4]}-{code[4:]}"


def _notice_channel(channels: list[str]) -> str:
    return ContactChannel.EMAIL if ContactChannel.EMAIL in channels else channels[0]


@transaction.atomic
def report_submit(
    *,
    draft: Draft,
    submission_key: uuid.UUID,
    channel: Channel = Channel.ONLINE,
    safe_place: SafePlaceOrganisation | None = None,
    actor: Any = None,
) -> Report:
    """Store the report durably and queue its notice, in one transaction.

    Submitting the same key again, even at the same moment, returns the same report.
    """
    existing = Report.objects.filter(idempotency_key=submission_key).first()
    if existing is not None:
        return existing
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    existing = Report.objects.filter(idempotency_key=submission_key).first()
    if existing is not None:
        return existing
    if draft.submission_key != submission_key:
        raise StaleSubmission
    missing = first_unanswered(draft.answers)
    if missing is not None:
        raise JourneyIncomplete(missing.slug)

    report = _report_from_answers(draft.answers)
    report.idempotency_key = submission_key
    report.channel = channel
    report.safe_place = safe_place
    report.received_at = timezone.now()
    for _attempt in range(5):
        report.reference = _reference()
        try:
            with transaction.atomic():
                report.save()
            break
        except IntegrityError:
            if Report.objects.filter(idempotency_key=submission_key).exists():
                return Report.objects.get(idempotency_key=submission_key)
    else:
        raise IntegrityError("Could not allocate a unique report reference")
    contact = _contact_from_answers(report, draft.answers)
    contact.save()
    notice_create(report=report, kind=NoticeKind.RECEIVED)

    draft.report = report
    draft.answers = {}
    draft.resume_code_hash = None
    draft.save(update_fields=["report", "answers", "resume_code_hash", "updated_at"])
    audit.record(
        actor=actor,
        actor_label="" if actor else "victim (online)",
        action="report.submit",
        subject=report,
        detail={"reference": report.reference, "channel": channel.value},
    )
    return report


def _report_from_answers(answers: dict[str, dict[str, Any]]) -> Report:
    where = answers["where"]
    borough_id = where.get("borough")
    borough = Borough.objects.select_related("area__force").filter(pk=borough_id).first() if borough_id else None
    force = borough.area.force if borough else Force.objects.get(code=settings.DEFAULT_FORCE)
    when = answers["when"]
    support = answers["support"]
    return Report(
        force=force,
        area=borough.area if borough else None,
        in_danger_when_reported=answers["in-danger"]["in_danger"] == "yes",
        what_happened=answers["what-happened"]["what_happened"],
        occurred_on=datetime.date.fromisoformat(when["occurred_on"]) if when.get("occurred_on") else None,
        occurred_approximately=when.get("occurred_approximately", ""),
        borough=borough,
        postcode=where.get("postcode") or "",
        people_involved=answers["people"].get("people_involved", ""),
        injured=answers["injuries"]["injured"],
        injuries=answers["injuries"].get("injuries", ""),
        victim_name=answers["your-name"]["victim_name"],
        interpreter_language=support.get("interpreter_language", ""),
        accessibility_needs=support.get("accessibility_needs", ""),
        referral_consent=answers["referral"]["referral_consent"] == "yes",
    )


def _contact_from_answers(report: Report, answers: dict[str, dict[str, Any]]) -> ContactPreferences:
    contact = answers["contact"]
    voicemail = answers.get("voicemail", {}).get("voicemail")
    return ContactPreferences(
        report=report,
        channels=contact["channels"],
        email=contact.get("email", ""),
        mobile=contact.get("mobile", ""),
        phone=contact.get("phone", ""),
        postal_address=contact.get("postal_address", ""),
        safe_times=answers["safe-times"]["safe_times"],
        voicemail_allowed=None if voicemail is None else voicemail == "yes",
        neutral_wording=answers["wording"]["neutral_wording"] == "yes",
        safe_word=answers["wording"].get("safe_word", ""),
    )


def notice_create(*, report: Report, kind: NoticeKind) -> Notice:
    """Queue a written notice on the victim's safest written channel, at a safe time.

    Call inside the transaction that makes the change the notice is about. Email is sent by
    the worker; text, phone and letter go to staff until the alerts service sends texts
    through GOV.UK Notify.
    """
    contact = report.contact
    channel = _notice_channel(contact.channels)
    not_before = next_safe_moment(now=timezone.now(), safe_times=contact.safe_times)
    notice = Notice.objects.create(
        report=report,
        kind=kind,
        channel=channel,
        not_before=not_before,
        status=DeliveryStatus.PENDING if channel == ContactChannel.EMAIL else DeliveryStatus.STAFF_TO_CONTACT,
    )
    if notice.status == DeliveryStatus.PENDING:
        # The task row is written in this transaction: it exists if and only if the change does.
        notice_send.using(run_after=not_before).enqueue(notice.pk)
    return notice


def notice_claim(*, notice_id: int) -> Notice | None:
    """Move PENDING → SENDING; None if another run already has it or it is done."""
    claimed = Notice.objects.filter(pk=notice_id, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.SENDING, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    return Notice.objects.select_related("report__contact").get(pk=notice_id)


@transaction.atomic
def notice_mark_sent(*, notice: Notice) -> None:
    notice.status = DeliveryStatus.SENT
    notice.sent_at = timezone.now()
    notice.last_error = ""
    notice.save(update_fields=["status", "sent_at", "last_error"])
    audit.record(
        actor=None,
        action="acknowledgement.sent",
        subject=notice.report,
        detail={"acknowledgement": notice.pk, "channel": notice.channel},
    )


@transaction.atomic
def notice_mark_failed_attempt(*, notice: Notice, error: Exception) -> bool:
    """Record a failed attempt. Returns True if another attempt is queued, False if it has failed for good."""
    notice.last_error = type(error).__name__
    if notice.attempts >= settings.NOTICE_MAX_ATTEMPTS:
        notice.status = DeliveryStatus.FAILED
        notice.save(update_fields=["status", "last_error"])
        return False
    notice.status = DeliveryStatus.PENDING
    notice.save(update_fields=["status", "last_error"])
    delay = datetime.timedelta(seconds=min(settings.NOTICE_RETRY_SECONDS * 2 ** (notice.attempts - 1), 3600))
    notice_send.using(run_after=timezone.now() + delay).enqueue(notice.pk)
    return True

"""Right to Report: every change to drafts, reports and acknowledgements happens here."""

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from victimsrights.areas.models import Area, Borough, Force
from victimsrights.audit import services as audit
from victimsrights.languages import language_offered
from victimsrights.notify.messages import resume_code_message
from victimsrights.notify.models import DeliveryKind
from victimsrights.notify.services import delivery_create, delivery_send_at_once
from victimsrights.reporting.codes import random_code, resume_code_hash
from victimsrights.reporting.journey import contact_through_organisation, first_unanswered
from victimsrights.reporting.models import Channel, ContactPreferences, Draft, Report, ReportStatus
from victimsrights.sealedrecords import services as sealed_records  # which imports this module back

RESUME_CODE_LENGTH = 10


class JourneyIncomplete(Exception):
    def __init__(self, step_slug: str) -> None:
        super().__init__(step_slug)
        self.step_slug = step_slug


class StaleSubmission(Exception):
    """The submitted form does not belong to this draft (for example an old tab)."""


def draft_start() -> Draft:
    return Draft.objects.create(expires_at=timezone.now() + datetime.timedelta(days=settings.DRAFT_LIFETIME_DAYS))


@transaction.atomic
def draft_answer(*, draft: Draft, step_slug: str, answer: dict[str, Any]) -> Draft:
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    draft.answers = {**draft.answers, step_slug: answer}
    draft.save(update_fields=["answers", "updated_at"])
    return draft


def draft_save_for_later(*, draft: Draft, email: str) -> None:
    """Give the draft a new resume code and email it. Raises senders.NotSent if the email cannot go."""
    code = random_code(RESUME_CODE_LENGTH)
    with transaction.atomic():
        draft = Draft.objects.select_for_update().get(pk=draft.pk)
        draft.resume_code_hash = resume_code_hash(code)
        draft.expires_at = timezone.now() + datetime.timedelta(days=settings.DRAFT_LIFETIME_DAYS)
        draft.save(update_fields=["resume_code_hash", "expires_at", "updated_at"])
        # Sent inside the transaction: if the email fails, the new code is not kept either.
        message = resume_code_message(code=code, expires_at=draft.expires_at)
        delivery_send_at_once(kind=DeliveryKind.CODE, channel="email", to=email, message=message)


def _reference() -> str:
    code = random_code(8)
    return f"VR-{code[:4]}-{code[4:]}"


def _save_with_reference(report: Report) -> None:
    """Save a new report under a fresh reference, trying again if the random one is taken."""
    for _attempt in range(5):
        report.reference = _reference()
        try:
            with transaction.atomic():
                report.save()
            return
        except IntegrityError:
            if Report.objects.filter(idempotency_key=report.idempotency_key).exists():
                raise
    raise IntegrityError("Could not allocate a unique report reference")


def _records_report(*, force: Force, area: Area, borough: Borough | None, received_at: datetime.datetime) -> Report:
    return Report(
        idempotency_key=uuid.uuid4(),
        channel=Channel.RECORDS,
        status=ReportStatus.RECORDED,
        received_at=received_at,
        first_decided_at=received_at,
        force=force,
        area=area,
        borough=borough,
        victim_name="",
        what_happened="",
        referral_consent=False,
    )


def records_report_create(
    *, force: Force, area: Area, borough: Borough | None, received_at: datetime.datetime
) -> Report:
    """The report behind a crime known only from the force's records: no victim account, no contact, no notice.
    The area is the force's own, even when the borough is another force's or not known."""
    report = _records_report(force=force, area=area, borough=borough, received_at=received_at)
    _save_with_reference(report)
    return report


def records_reports_create(
    *, force: Force, reports: list[tuple[Area, Borough | None, datetime.datetime]]
) -> list[Report]:
    """`records_report_create` for many crimes at once (a historical import), each under a fresh reference.
    Call in a transaction; a reference taken meanwhile by another process raises IntegrityError."""
    built = [
        _records_report(force=force, area=area, borough=borough, received_at=received_at)
        for area, borough, received_at in reports
    ]
    references: set[str] = set()
    while len(references) < len(built):
        fresh = {_reference() for _ in range(len(built) - len(references))} - references
        references |= fresh - set(Report.objects.filter(reference__in=fresh).values_list("reference", flat=True))
    for report, reference in zip(built, references, strict=True):
        report.reference = reference
    return Report.objects.bulk_create(built)


@transaction.atomic
def report_submit(
    *,
    draft: Draft,
    submission_key: uuid.UUID,
    language: str = settings.LANGUAGE_CODE,
) -> Report:
    """Store the report durably and queue its acknowledgement, in one transaction. `language` is the one the
    victim reported in, so that every message to them is written in it (a language the service does not offer
    falls back to English).

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
    report.channel = Channel.SAFE_PLACE if draft.safe_place_id else Channel.ONLINE
    report.safe_place_id = draft.safe_place_id
    report.consent = draft.answers.get("consent", {})
    report.received_at = timezone.now()
    report.language = language if language_offered(language) else settings.LANGUAGE_CODE
    try:
        _save_with_reference(report)
    except IntegrityError:
        if Report.objects.filter(idempotency_key=submission_key).exists():
            return Report.objects.get(idempotency_key=submission_key)
        raise
    contact = _contact_from_answers(report, draft.answers)
    contact.save()
    if draft.sealed_record_id:
        sealed_records.seal_into_report(sealed_record_id=draft.sealed_record_id, report=report)
    delivery_create(report=report, kind=DeliveryKind.RECEIVED)

    draft.report = report
    draft.answers = {}
    draft.resume_code_hash = None
    draft.save(update_fields=["report", "answers", "resume_code_hash", "updated_at"])
    audit.record(
        actor=draft.started_by,
        actor_label="" if draft.started_by_id else "the victim, online",
        action="report.submit",
        subject=report,
        detail={"reference": report.reference, "channel": report.channel},
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
        in_danger_when_reported="yes"
        in (answers["in-danger"]["in_danger"], answers["in-danger"].get("said_in_danger_first")),
        what_happened=answers["what-happened"]["what_happened"],
        occurred_on=datetime.date.fromisoformat(when["occurred_on"]) if when.get("occurred_on") else None,
        occurred_approximately=when.get("occurred_approximately", ""),
        borough=borough,
        postcode=where.get("postcode") or "",
        people_involved=answers["people"].get("people_involved", ""),
        injured=answers["injuries"]["injured"],
        injuries=answers["injuries"].get("injuries", ""),
        victim_name=answers["your-name"]["victim_name"],
        under_18={"yes": True, "no": False}.get(answers["age"]["under_18"]),
        interpreter_language=support.get("interpreter_language", ""),
        accessibility_needs=support.get("accessibility_needs", ""),
        referral_consent=answers["referral"]["referral_consent"] == "yes",
    )


def _contact_from_answers(report: Report, answers: dict[str, dict[str, Any]]) -> ContactPreferences:
    if contact_through_organisation(answers):
        return ContactPreferences(report=report, via_organisation_id=report.safe_place_id, safe_times=["any"])
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


# Safe places -------------------------------------------------------------------------------


def draft_start_for_safe_place(*, worker: Any, consent: dict[str, Any], sealed_record: Any = None) -> Draft:
    """A worker starts a report with the victim present, recording what the victim agreed to."""
    draft = Draft.objects.create(
        expires_at=timezone.now() + datetime.timedelta(days=settings.DRAFT_LIFETIME_DAYS),
        safe_place=worker.organisation,
        started_by=worker,
        sealed_record=sealed_record,
        answers={"consent": consent},
    )
    audit.record(actor=worker, action="draft.start_for_victim", subject=draft)
    return draft


def report_language_set(*, report: Report, language: str) -> bool:
    """The language every later message to the victim is written in; one the service does not offer is refused.
    Returns whether it changed."""
    if not language_offered(language) or report.language == language:
        return False
    Report.objects.filter(pk=report.pk).update(language=language)
    report.language = language
    return True


@transaction.atomic
def contact_preferences_update(*, report: Report, answers: dict[str, Any], alerts_wanted: bool) -> ContactPreferences:
    """The victim changes how and when they may be contacted. Notices and alerts follow at once."""
    contact = ContactPreferences.objects.select_for_update().get(report=report)
    contact.channels = answers["channels"]
    contact.email = answers.get("email", "")
    contact.mobile = answers.get("mobile", "")
    contact.phone = answers.get("phone", "")
    contact.postal_address = answers.get("postal_address", "")
    contact.safe_times = answers["safe_times"]
    contact.alerts_wanted = alerts_wanted
    contact.save()
    audit.record(actor=None, actor_label="the victim, signed in", action="contact.update", subject=report)
    return contact

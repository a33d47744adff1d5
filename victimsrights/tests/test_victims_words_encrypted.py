"""Every field a victim writes is encrypted: each text column of every model is either ciphertext or named below
as written by someone else (staff, a system, reference data), with who writes it. A new text field fails this
test until it is encrypted or placed here, so victims' words cannot slip into plain-text columns unnoticed."""

from django.apps import apps
from django.db import models

from victimsrights.encryption import EncryptedTextField

NOT_WRITTEN_BY_VICTIMS = {
    "reference data": [
        "areas.Force.code", "areas.Force.name", "areas.Force.crime_number_prefix", "areas.Area.code",
        "areas.Area.name", "areas.Borough.ons_code", "areas.Borough.name", "areas.SafePlaceOrganisation.name",
        "areas.SafePlaceOrganisation.contact_email", "recording.OffenceClassification.code",
        "recording.OffenceClassification.description", "recording.OffenceClassification.group",
        "recording.OffenceClassification.subgroup", "recording.OffenceClassification.police_uk_category",
        "cases.OutcomeType.title", "compliance.Duty.code", "compliance.Duty.title",
        "compliance.Duty.code_right", "compliance.Duty.source", "policeuk.AntisocialBehaviour.lsoa_code",
        "cases.OutcomeType.review_route", "cases.OutcomeType.outside_national_scheme",
        "plans.PublishedCrimeMonth.borough_name", "plans.PublishedCrimeMonth.major", "plans.PublishedCrimeMonth.minor",
    ],
    "staff accounts and machine clients": [
        "accounts.StaffUser.password", "accounts.StaffUser.username", "accounts.StaffUser.first_name",
        "accounts.StaffUser.last_name", "accounts.StaffUser.email", "api.ApiClient.name", "api.ApiClient.key_prefix",
        "api.ApiClient.key_hash", "api.ApiEvent.event_id", "api.ApiEvent.kind",
    ],
    "hashes, keys and identifiers the service makes": [
        "portal.VictimAccessCode.code_hash", "accounts.StaffEnrolment.code_hash", "reporting.Draft.resume_code_hash",
        "reporting.Report.reference", "sealedrecords.SealedRecord.record_code_hash",
        "sealedrecords.SealedRecord.key_version", "recording.Crime.crime_number",
        "sealedrecords.PerpetratorIdentifier.digest", "sealedrecords.PerpetratorIdentifier.victim_digest",
        "sealedrecords.PerpetratorIdentifier.key_version",
        "audit.AuditEntry.previous_hash", "audit.AuditEntry.entry_hash", "audit.AuditChainHead.last_hash",
        "operations.RateCounter.key",
    ],
    "identifiers from a force's records system": ["cases.PropertyItem.reference", "cases.Case.published_outcome"],
    "choices the victim ticks (no free text)": [
        "reporting.Report.consent", "reporting.ContactPreferences.channels", "reporting.ContactPreferences.safe_times",
        "reporting.Report.language",
    ],
    "the service's own bookkeeping": [
        "audit.AuditEntry.actor_label", "audit.AuditEntry.action", "audit.AuditEntry.subject_type",
        "audit.AuditEntry.subject_id", "audit.AuditEntry.reason", "audit.AuditEntry.detail",
        "notify.Delivery.last_error", "notify.Delivery.provider",
        "notify.Delivery.provider_id", "notify.Delivery.delivery_status", "recording.Crime.recorded_by_team",
        "recording.Appeal.made_by", "recording.HistoryEvent.actor_label", "recording.HistoryEvent.what",
        "cases.CaseEvent.actor_label", "plans.PlanVersion.snapshot", "plans.YearFigures.figures",
    ],
    "written by staff (officers, the registrar, reviewers, standards, the commander, the commissioner)": [
        "recording.Crime.cancellation_information", "recording.Refusal.explanation",
        "recording.Appeal.decision_reasons", "cases.Case.enhanced_note", "cases.CaseEvent.note",
        "cases.Case.outcome_explanation", "cases.TimelineEvent.text", "cases.Hearing.court",
        "cases.Hearing.what_to_expect",
        "reviews.ReviewRequest.decision_reasons", "complaints.Complaint.answer",
        "complaints.Complaint.commissioner_finding", "oversight.SampledRecord.finding", "plans.Plan.narrative",
        "plans.Commitment.commitment", "plans.Commitment.measure", "plans.Commitment.target",
        "plans.PlanComment.text", "plans.PlanVersion.correction_note", "oversight.Recommendation.report_title",
        "oversight.Recommendation.text", "oversight.Recommendation.response",
    ],
}  # fmt: skip


def text_columns() -> dict[str, models.Field]:
    columns = {}
    for model in apps.get_models():
        if not model.__module__.startswith("victimsrights."):
            continue
        for field in model._meta.concrete_fields:
            free_text = isinstance(field, models.CharField | models.TextField | models.JSONField) and not field.choices
            if free_text or isinstance(field, EncryptedTextField):
                columns[f"{model._meta.label}.{field.name}"] = field
    return columns


def test_every_text_column_is_encrypted_or_named_as_not_written_by_a_victim():
    named = {name for names in NOT_WRITTEN_BY_VICTIMS.values() for name in names}
    columns = text_columns()
    plain = {name for name, field in columns.items() if not isinstance(field, EncryptedTextField)}
    assert plain - named == set(), "Encrypt these (victims write them) or say here who else writes them"
    assert named - plain == set(), "Named as not victims' words, but encrypted or gone: take them off the list"


def test_the_victims_words_the_review_found_in_plain_text_are_encrypted():
    columns = text_columns()
    for name in ("complaints.Complaint.why_not_satisfied", "reviews.ReviewRequest.late_reasons"):
        assert isinstance(columns[name], EncryptedTextField), name
